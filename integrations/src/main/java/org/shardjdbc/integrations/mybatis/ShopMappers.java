package org.shardjdbc.integrations.mybatis;

import com.github.pagehelper.PageInterceptor;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/** MyBatis over the driver's data source, with PageHelper's interceptor in its MySQL dialect. */
public final class ShopMappers {
  private ShopMappers() {}

  /** A session factory with {@link OrderMapper}, underscores mapped to camel case, and PageHelper. */
  public static SqlSessionFactory sessionFactory(DataSource dataSource) {
    Configuration configuration = new Configuration(new Environment("shop", new JdbcTransactionFactory(), dataSource));
    configuration.setMapUnderscoreToCamelCase(true);
    configuration.addMapper(OrderMapper.class);
    PageInterceptor pageHelper = new PageInterceptor();
    Properties properties = new Properties();
    properties.setProperty("helperDialect", "mysql");
    pageHelper.setProperties(properties);
    configuration.addInterceptor(pageHelper);
    return new SqlSessionFactoryBuilder().build(configuration);
  }
}
