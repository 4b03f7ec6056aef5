package org.shardjdbc.driver.transaction;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A mysql-connector-j query interceptor for the XA crash test's worker processes: it waits
 * {@code -Dxacrash.delayMs} before each {@code XA PREPARE} and each two-phase {@code XA COMMIT}, so that a
 * {@code kill -9} at a random moment often finds the process between prepare and commit. It changes no statement.
 */
public final class XaCrashInterceptor implements QueryInterceptor {
  private static final long DELAY_MS = Long.getLong("xacrash.delayMs", 0);

  @Override
  public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
    return this;
  }

  @Override
  public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
    String text = sql.get();
    if (DELAY_MS > 0 && text != null) {
      String upper = text.toUpperCase(Locale.ROOT);
      if (upper.startsWith("XA PREPARE") || (upper.startsWith("XA COMMIT") && !upper.endsWith("ONE PHASE"))) {
        try {
          Thread.sleep(DELAY_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return null;
  }

  @Override
  public boolean executeTopLevelOnly() {
    return true;
  }

  @Override
  public void destroy() {
    // nothing held
  }

  @Override
  public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T originalResultSet,
      ServerSession serverSession) {
    return null;
  }
}
