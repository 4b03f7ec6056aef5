package org.shardjdbc.driver.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;

/**
 * The logical database's metadata (SPEC §7): logical tables, never physical ones; a sharded table's columns, keys,
 * indexes and privileges as read from its first physical table, under its logical name, in the logical database
 * (the default data source's database); everything else (product, versions, capabilities, types, functions, other
 * databases of the default data source's server) as that server reports it, without the databases of the other data
 * sources ({@link MetadataNames}).
 *
 * <p>Catalogue arguments of table-scoped calls: null and the logical database's name take the logical database (as
 * mysql-connector-j's {@code nullDatabaseMeansCurrent}), {@code ""} none (every MySQL table has a catalogue), another
 * name that database of the default data source's server, a hidden database nothing. Table arguments that JDBC
 * defines as names rather than patterns take null as every table and {@code ""} as no table. Schema arguments go to the physical driver as given (MySQL has no schemas).
 *
 * <p>Each call borrows a physical connection for as long as it reads, and results are read whole, so that no
 * connection stays checked out behind a metadata result.
 */
final class ShardDatabaseMetaData implements DatabaseMetaData {
  /** A table name no server has, to read a metadata result's columns without rows. */
  private static final String NO_TABLE = "\u0000";

  private final ShardConnection connection;
  private final ShardRuntime runtime;
  private final ShardingModel model;
  private MetadataNames names;

  /** One read of a physical connection's metadata. */
  private interface Read<T> {
    T from(DatabaseMetaData metadata) throws SQLException;
  }

  /** One read of a table-scoped metadata result, for one catalogue and one table name or pattern. */
  private interface TableRead {
    ResultSet from(DatabaseMetaData metadata, String catalog, String table) throws SQLException;
  }

  /** Rows read whole, with the metadata of the result they were read from. */
  private record Rows(List<Object[]> rows, ResultSetMetaData metadata) {}

  ShardDatabaseMetaData(ShardConnection connection) {
    this.connection = connection;
    this.runtime = connection.runtime();
    this.model = runtime.config().model();
  }

  private MetadataNames names() throws SQLException {
    if (names == null) {
      names = new MetadataNames(runtime.config(), connection.getCatalog());
    }
    return names;
  }

  private Object read(Read<?> read) throws SQLException {
    return read(model.defaultDataSource(), read);
  }

  private <T> T read(String dataSource, Read<T> read) throws SQLException {
    try (DataSourcePool.Lease lease = runtime.pool(dataSource).acquire()) {
      return read.from(lease.connection().getMetaData());
    }
  }

  /**
   * Reads a result whole on a data source, keeping the rows of the logical database's metadata, made logical.
   *
   * @param read the read, given the data source's metadata and its database
   */
  private Rows logicalRows(String dataSource, TableRead read, String table, boolean firstTables) throws SQLException {
    return read(dataSource, physical -> {
      String database = physical.getConnection().getCatalog();
      try (ResultSet result = read.from(physical, database, table)) {
        ResultSetMetaData metadata = result.getMetaData();
        MetadataNames.Columns columns = new MetadataNames.Columns(metadata);
        List<Object[]> rows = new ArrayList<>();
        while (result.next()) {
          Object[] row = row(result, metadata.getColumnCount());
          if (names().logical(row, columns, dataSource, database, firstTables)) {
            rows.add(row);
          }
        }
        return new Rows(rows, metadata);
      }
    });
  }

  /** A metadata result of the default data source's server, without what the logical database hides. */
  private ResultSet rows(Read<ResultSet> read) throws SQLException {
    Rows rows = logicalRows(model.defaultDataSource(), (metadata, database, table) -> read.from(metadata), null, true);
    return result(rows.rows(), rows.metadata());
  }

  private static ResultSet result(List<Object[]> rows, ResultSetMetaData metadata) throws SQLException {
    return new MergedResultSet(null, MergePipeline.ofRows(rows, metadata), Map.of(), null);
  }

  private static Object[] row(ResultSet result, int width) throws SQLException {
    Object[] row = new Object[width];
    for (int i = 0; i < width; i++) {
      row[i] = result.getObject(i + 1);
    }
    return row;
  }

  /**
   * A table-scoped result: the default data source's rows for the catalogue and table asked (made logical), and the
   * rows of the first physical table of each sharded table asked, under its logical name; without duplicates, sorted
   * by {@code sortColumns} as JDBC orders the result.
   *
   * @param catalog the catalogue argument (null: every database)
   * @param table the table name or pattern; a null name stands for every table, {@code ""} for none
   * @param pattern whether {@code table} is a JDBC pattern
   * @param read the physical read, given a catalogue and a table name or pattern
   */
  private ResultSet tableRows(String anyCatalog, String table, boolean pattern, TableRead read, String... sortColumns)
      throws SQLException {
    String catalog = anyCatalog == null ? names().logicalDatabase() : anyCatalog;
    if (!pattern && table == null) {
      return everyTable(catalog, read, sortColumns);
    }
    List<LogicalTable> sharded = names().includesLogical(catalog) && (pattern || !table.isEmpty())
        ? names().shardedTables(table, pattern) : List.of();
    List<Object[]> rows = new ArrayList<>();
    ResultSetMetaData metadata = null;
    if (pattern || sharded.isEmpty()) {
      // a physical table's own name finds nothing
      String asked = !pattern && (table.isEmpty() || names().physical(model.defaultDataSource(), table)) ? NO_TABLE
          : table;
      Rows rowsOfDefault = logicalRows(model.defaultDataSource(), (physical, database, name) -> read.from(physical,
          catalog, name), asked, !pattern);
      rows.addAll(rowsOfDefault.rows());
      metadata = rowsOfDefault.metadata();
    }
    for (LogicalTable logical : sharded) {
      DataNode first = logical.node(0);
      String name = pattern ? escape(first.table()) : first.table();
      Rows rowsOfFirst = logicalRows(first.dataSource(), read, name, true);
      rows.addAll(rowsOfFirst.rows());
      metadata = metadata == null ? rowsOfFirst.metadata() : metadata;
    }
    return result(sorted(distinct(rows), metadata, sortColumns), metadata);
  }

  /** A result JDBC asks of one table, for every table of the database asked. */
  private ResultSet everyTable(String catalog, TableRead read, String... sortColumns) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    ResultSetMetaData metadata = null;
    try (ResultSet tables = getTables(catalog, null, "%", null)) {
      while (tables.next()) {
        try (ResultSet one = tableRows(tables.getString("TABLE_CAT"), tables.getString("TABLE_NAME"), false, read)) {
          metadata = one.getMetaData();
          while (one.next()) {
            rows.add(row(one, metadata.getColumnCount()));
          }
        }
      }
    }
    if (metadata == null) {
      return tableRows(catalog, "", false, read, sortColumns);
    }
    return result(sorted(rows, metadata, sortColumns), metadata);
  }

  /** A physical table's name as a JDBC pattern that matches it alone. */
  private static String escape(String name) {
    return name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
  }

  private static List<Object[]> distinct(List<Object[]> rows) {
    Set<List<Object>> seen = new LinkedHashSet<>();
    List<Object[]> distinct = new ArrayList<>();
    for (Object[] row : rows) {
      if (seen.add(Arrays.asList(row))) {
        distinct.add(row);
      }
    }
    return distinct;
  }

  private static List<Object[]> sorted(List<Object[]> rows, ResultSetMetaData metadata, String... sortColumns)
      throws SQLException {
    int[] sort = new int[sortColumns.length];
    for (int i = 0; i < sortColumns.length; i++) {
      sort[i] = column(metadata, sortColumns[i]) - 1;
    }
    rows.sort(byColumns(sort));
    return rows;
  }

  private static int column(ResultSetMetaData metadata, String label) throws SQLException {
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      if (metadata.getColumnLabel(i).equalsIgnoreCase(label)) {
        return i;
      }
    }
    throw new SQLException("no column " + label + " in a metadata result", "HY000");
  }

  private static Comparator<Object[]> byColumns(int[] columns) {
    return (a, b) -> {
      for (int column : columns) {
        int order = compare(a[column], b[column]);
        if (order != 0) {
          return order;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a instanceof Comparable && a.getClass() == b.getClass() ? ((Comparable) a).compareTo(b)
        : a.toString().compareTo(b.toString());
  }

  /** A JDBC name pattern ({@code %}, {@code _}, {@code \} escapes; null for all) as a case-insensitive regex. */
  static Pattern likePattern(String pattern) {
    if (pattern == null) {
      return Pattern.compile(".*", Pattern.DOTALL);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
    return tableRows(catalog, tableNamePattern, true,
        (metadata, cat, table) -> metadata.getTables(cat, schemaPattern, table, types),
        "TABLE_TYPE", "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME");
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return tableRows(catalog, tableNamePattern, true,
        (metadata, cat, table) -> metadata.getColumns(cat, schemaPattern, table, columnNamePattern),
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "ORDINAL_POSITION");
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return tableRows(catalog, table, false, (metadata, cat, name) -> metadata.getPrimaryKeys(cat, schema, name),
        "COLUMN_NAME");
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return tableRows(catalog, table, false,
        (metadata, cat, name) -> metadata.getIndexInfo(cat, schema, name, unique, approximate),
        "NON_UNIQUE", "TYPE", "INDEX_NAME", "ORDINAL_POSITION");
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return tableRows(catalog, table, false, (metadata, cat, name) -> metadata.getImportedKeys(cat, schema, name),
        "PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "KEY_SEQ");
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return tableRows(catalog, table, false, (metadata, cat, name) -> metadata.getExportedKeys(cat, schema, name),
        "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "KEY_SEQ");
  }

  /** The foreign table's imported keys that reference the parent table (null parent names: any). */
  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    try (ResultSet imported = getImportedKeys(foreignCatalog, foreignSchema, foreignTable)) {
      ResultSetMetaData metadata = imported.getMetaData();
      List<Object[]> rows = new ArrayList<>();
      while (imported.next()) {
        if ((parentTable == null || parentTable.equalsIgnoreCase(imported.getString("PKTABLE_NAME")))
            && (parentCatalog == null || parentCatalog.equalsIgnoreCase(imported.getString("PKTABLE_CAT")))) {
          rows.add(row(imported, metadata.getColumnCount()));
        }
      }
      return result(sorted(rows, metadata, "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "KEY_SEQ"), metadata);
    }
  }

  @Override
  public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    return tableRows(catalog, table, false,
        (metadata, cat, name) -> metadata.getBestRowIdentifier(cat, schema, name, scope, nullable), "SCOPE");
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    return tableRows(catalog, table, false, (metadata, cat, name) -> metadata.getVersionColumns(cat, schema, name));
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
    return tableRows(catalog, tableNamePattern, true,
        (metadata, cat, table) -> metadata.getTablePrivileges(cat, schemaPattern, table),
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "PRIVILEGE");
  }

  @Override
  public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
      throws SQLException {
    return tableRows(catalog, table, false,
        (metadata, cat, name) -> metadata.getColumnPrivileges(cat, schema, name, columnNamePattern),
        "COLUMN_NAME", "PRIVILEGE");
  }

  @Override
  public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    return tableRows(catalog, tableNamePattern, true,
        (metadata, cat, table) -> metadata.getPseudoColumns(cat, schemaPattern, table, columnNamePattern),
        "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME");
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
    return tableRows(catalog, tableNamePattern, true,
        (metadata, cat, table) -> metadata.getSuperTables(cat, schemaPattern, table));
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return ShardDriver.PREFIX + runtime.config().source();
  }

  @Override
  public String getUserName() {
    return null;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return connection.isReadOnly();
  }

  @Override
  public String getDriverName() {
    return "shard-jdbc";
  }

  @Override
  public String getDriverVersion() {
    return ShardDriver.VERSION;
  }

  @Override
  public int getDriverMajorVersion() {
    return ShardDriver.MAJOR_VERSION;
  }

  @Override
  public int getDriverMinorVersion() {
    return ShardDriver.MINOR_VERSION;
  }

  @Override
  public RowIdLifetime getRowIdLifetime() {
    return RowIdLifetime.ROWID_UNSUPPORTED;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    return (Boolean) read(metadata -> metadata.allProceduresAreCallable());
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    return (Boolean) read(metadata -> metadata.allTablesAreSelectable());
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    return (Boolean) read(metadata -> metadata.autoCommitFailureClosesAllResultSets());
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    return (Boolean) read(metadata -> metadata.dataDefinitionCausesTransactionCommit());
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    return (Boolean) read(metadata -> metadata.dataDefinitionIgnoredInTransactions());
  }

  @Override
  public boolean deletesAreDetected(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.deletesAreDetected(type));
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    return (Boolean) read(metadata -> metadata.doesMaxRowSizeIncludeBlobs());
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    return (Boolean) read(metadata -> metadata.generatedKeyAlwaysReturned());
  }

  @Override
  public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException {
    return rows(metadata -> metadata.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern));
  }

  @Override
  public String getCatalogSeparator() throws SQLException {
    return (String) read(metadata -> metadata.getCatalogSeparator());
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    return (String) read(metadata -> metadata.getCatalogTerm());
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return rows(metadata -> metadata.getCatalogs());
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return rows(metadata -> metadata.getClientInfoProperties());
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return (Integer) read(metadata -> metadata.getDatabaseMajorVersion());
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return (Integer) read(metadata -> metadata.getDatabaseMinorVersion());
  }

  @Override
  public String getDatabaseProductName() throws SQLException {
    return (String) read(metadata -> metadata.getDatabaseProductName());
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    return (String) read(metadata -> metadata.getDatabaseProductVersion());
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    return (Integer) read(metadata -> metadata.getDefaultTransactionIsolation());
  }

  @Override
  public String getExtraNameCharacters() throws SQLException {
    return (String) read(metadata -> metadata.getExtraNameCharacters());
  }

  @Override
  public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException {
    return rows(metadata -> metadata.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern));
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
    return rows(metadata -> metadata.getFunctions(catalog, schemaPattern, functionNamePattern));
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    return (String) read(metadata -> metadata.getIdentifierQuoteString());
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    return (Integer) read(metadata -> metadata.getJDBCMajorVersion());
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    return (Integer) read(metadata -> metadata.getJDBCMinorVersion());
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxBinaryLiteralLength());
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxCatalogNameLength());
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxCharLiteralLength());
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxColumnNameLength());
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxColumnsInGroupBy());
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxColumnsInIndex());
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxColumnsInOrderBy());
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxColumnsInSelect());
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxColumnsInTable());
  }

  @Override
  public int getMaxConnections() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxConnections());
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxCursorNameLength());
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxIndexLength());
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxProcedureNameLength());
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxRowSize());
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxSchemaNameLength());
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxStatementLength());
  }

  @Override
  public int getMaxStatements() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxStatements());
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxTableNameLength());
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxTablesInSelect());
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    return (Integer) read(metadata -> metadata.getMaxUserNameLength());
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    return (String) read(metadata -> metadata.getNumericFunctions());
  }

  @Override
  public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException {
    return rows(metadata -> metadata.getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern));
  }

  @Override
  public String getProcedureTerm() throws SQLException {
    return (String) read(metadata -> metadata.getProcedureTerm());
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException {
    return rows(metadata -> metadata.getProcedures(catalog, schemaPattern, procedureNamePattern));
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return (Integer) read(metadata -> metadata.getResultSetHoldability());
  }

  /**
   * The server's keywords beyond SQL:2003's; none when the server cannot list them (mysql-connector-j reads
   * MySQL 8's information_schema.KEYWORDS, which MariaDB lacks), which only makes a tool quote fewer names.
   */
  @Override
  public String getSQLKeywords() throws SQLException {
    try {
      return (String) read(metadata -> metadata.getSQLKeywords());
    } catch (SQLSyntaxErrorException e) {
      return "";
    }
  }

  @Override
  public int getSQLStateType() throws SQLException {
    return (Integer) read(metadata -> metadata.getSQLStateType());
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    return (String) read(metadata -> metadata.getSchemaTerm());
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return rows(metadata -> metadata.getSchemas());
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return rows(metadata -> metadata.getSchemas(catalog, schemaPattern));
  }

  @Override
  public String getSearchStringEscape() throws SQLException {
    return (String) read(metadata -> metadata.getSearchStringEscape());
  }

  @Override
  public String getStringFunctions() throws SQLException {
    return (String) read(metadata -> metadata.getStringFunctions());
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
    return rows(metadata -> metadata.getSuperTypes(catalog, schemaPattern, typeNamePattern));
  }

  @Override
  public String getSystemFunctions() throws SQLException {
    return (String) read(metadata -> metadata.getSystemFunctions());
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return rows(metadata -> metadata.getTableTypes());
  }

  @Override
  public String getTimeDateFunctions() throws SQLException {
    return (String) read(metadata -> metadata.getTimeDateFunctions());
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    return rows(metadata -> metadata.getTypeInfo());
  }

  @Override
  public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException {
    return rows(metadata -> metadata.getUDTs(catalog, schemaPattern, typeNamePattern, types));
  }

  @Override
  public boolean insertsAreDetected(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.insertsAreDetected(type));
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    return (Boolean) read(metadata -> metadata.isCatalogAtStart());
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    return (Boolean) read(metadata -> metadata.locatorsUpdateCopy());
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    return (Boolean) read(metadata -> metadata.nullPlusNonNullIsNull());
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    return (Boolean) read(metadata -> metadata.nullsAreSortedAtEnd());
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    return (Boolean) read(metadata -> metadata.nullsAreSortedAtStart());
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    return (Boolean) read(metadata -> metadata.nullsAreSortedHigh());
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    return (Boolean) read(metadata -> metadata.nullsAreSortedLow());
  }

  @Override
  public boolean othersDeletesAreVisible(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.othersDeletesAreVisible(type));
  }

  @Override
  public boolean othersInsertsAreVisible(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.othersInsertsAreVisible(type));
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.othersUpdatesAreVisible(type));
  }

  @Override
  public boolean ownDeletesAreVisible(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.ownDeletesAreVisible(type));
  }

  @Override
  public boolean ownInsertsAreVisible(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.ownInsertsAreVisible(type));
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.ownUpdatesAreVisible(type));
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return (Boolean) read(metadata -> metadata.storesLowerCaseIdentifiers());
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return (Boolean) read(metadata -> metadata.storesLowerCaseQuotedIdentifiers());
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return (Boolean) read(metadata -> metadata.storesMixedCaseIdentifiers());
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return (Boolean) read(metadata -> metadata.storesMixedCaseQuotedIdentifiers());
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return (Boolean) read(metadata -> metadata.storesUpperCaseIdentifiers());
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return (Boolean) read(metadata -> metadata.storesUpperCaseQuotedIdentifiers());
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsANSI92EntryLevelSQL());
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsANSI92FullSQL());
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsANSI92IntermediateSQL());
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsAlterTableWithAddColumn());
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsAlterTableWithDropColumn());
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsBatchUpdates());
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsCatalogsInDataManipulation());
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsCatalogsInIndexDefinitions());
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsCatalogsInPrivilegeDefinitions());
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsCatalogsInProcedureCalls());
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsCatalogsInTableDefinitions());
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsColumnAliasing());
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsConvert());
  }

  @Override
  public boolean supportsConvert(int type, int value1) throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsConvert(type, value1));
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsCoreSQLGrammar());
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsCorrelatedSubqueries());
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsDataDefinitionAndDataManipulationTransactions());
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsDataManipulationTransactionsOnly());
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsDifferentTableCorrelationNames());
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsExpressionsInOrderBy());
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsExtendedSQLGrammar());
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsFullOuterJoins());
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsGetGeneratedKeys());
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsGroupBy());
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsGroupByBeyondSelect());
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsGroupByUnrelated());
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsIntegrityEnhancementFacility());
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsLikeEscapeClause());
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsLimitedOuterJoins());
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsMinimumSQLGrammar());
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsMixedCaseIdentifiers());
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsMixedCaseQuotedIdentifiers());
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsMultipleOpenResults());
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsMultipleResultSets());
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsMultipleTransactions());
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsNamedParameters());
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsNonNullableColumns());
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsOpenCursorsAcrossCommit());
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsOpenCursorsAcrossRollback());
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsOpenStatementsAcrossCommit());
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsOpenStatementsAcrossRollback());
  }

  @Override
  public boolean supportsOrderByUnrelated() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsOrderByUnrelated());
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsOuterJoins());
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsPositionedDelete());
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsPositionedUpdate());
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int value1) throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsResultSetConcurrency(type, value1));
  }

  @Override
  public boolean supportsResultSetHoldability(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsResultSetHoldability(type));
  }

  @Override
  public boolean supportsResultSetType(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsResultSetType(type));
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSavepoints());
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSchemasInDataManipulation());
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSchemasInIndexDefinitions());
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSchemasInPrivilegeDefinitions());
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSchemasInProcedureCalls());
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSchemasInTableDefinitions());
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSelectForUpdate());
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsStatementPooling());
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsStoredFunctionsUsingCallSyntax());
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsStoredProcedures());
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSubqueriesInComparisons());
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSubqueriesInExists());
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSubqueriesInIns());
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsSubqueriesInQuantifieds());
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsTableCorrelationNames());
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsTransactionIsolationLevel(type));
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsTransactions());
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsUnion());
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    return (Boolean) read(metadata -> metadata.supportsUnionAll());
  }

  @Override
  public boolean updatesAreDetected(int type) throws SQLException {
    return (Boolean) read(metadata -> metadata.updatesAreDetected(type));
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    return (Boolean) read(metadata -> metadata.usesLocalFilePerTable());
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    return (Boolean) read(metadata -> metadata.usesLocalFiles());
  }

}
