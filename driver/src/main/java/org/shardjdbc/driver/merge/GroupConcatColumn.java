package org.shardjdbc.driver.merge;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.shardjdbc.planner.merge.GroupConcatMerge;
import org.shardjdbc.planner.merge.SortKey;

/**
 * One GROUP_CONCAT column of a merge (see {@link GroupConcatMerge}): what its groups share, the character set that
 * {@code group_concat_max_len} counts bytes in, and the count of values written so far, which the server's
 * truncation warning names ("Row 4 was cut by GROUP_CONCAT()": the server counts on across the groups of the
 * statement).
 */
final class GroupConcatColumn {
  private final GroupConcatMerge merge;
  private final int textColumn;
  private final int rowsColumn;
  private final int[] argumentColumns;
  private final int maxLengthColumn;
  private final int[] orderColumns;
  private final boolean[] descending;
  private final Object[] nullKeys;
  private final List<ValueComparator> comparators;
  private final Charset charset;
  private final MergeWarnings warnings;
  private long valuesWritten;

  /**
   * @param column the GROUP_CONCAT's own column
   * @param index resolves the merge's column references in the shards' rows
   */
  GroupConcatColumn(GroupConcatMerge merge, int column, RowExpressionEvaluator index, MergeColumns columns,
      MergeWarnings warnings) {
    this.merge = merge;
    this.textColumn = index.index(merge.text());
    this.rowsColumn = merge.rows() == null ? -1 : index.index(merge.rows());
    this.argumentColumns = merge.arguments().stream().mapToInt(index::index).toArray();
    this.maxLengthColumn = index.index(merge.maxLength());
    this.orderColumns = new int[merge.order().size()];
    this.descending = new boolean[orderColumns.length];
    this.nullKeys = new Object[orderColumns.length];
    for (int i = 0; i < orderColumns.length; i++) {
      SortKey key = merge.order().get(i);
      orderColumns[i] = index.index(key.column());
      descending[i] = key.descending();
      nullKeys[i] = columns.nullInGroupConcatOrder(orderColumns[i]);
    }
    this.comparators = columns.comparators();
    this.charset = columns.charset(column);
    this.warnings = warnings;
  }

  /** The order of GROUP_CONCAT's ORDER BY, in which a NULL key weighs as 0 or '' does. */
  private int compare(Object[] a, Object[] b) {
    for (int i = 0; i < orderColumns.length; i++) {
      int column = orderColumns[i];
      Object x = a[column] == null ? nullKeys[i] : a[column];
      Object y = b[column] == null ? nullKeys[i] : b[column];
      int order = comparators.get(column).compare(x, y);
      if (order != 0) {
        return descending[i] ? -order : order;
      }
    }
    return 0;
  }

  /** The state of a new group. */
  GroupAccumulator newGroup() {
    return new GroupAccumulator() {
      private final List<Object[]> rows = new ArrayList<>();
      private long maxLength = Long.MAX_VALUE;

      @Override
      public void add(Object[] row) {
        Object limit = row[maxLengthColumn];
        if (limit != null) {
          BigInteger bytes = limit instanceof BigInteger integer ? integer : BigInteger.valueOf(((Number) limit).longValue());
          maxLength = Math.min(maxLength, bytes.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
        }
        if (row[textColumn] != null) {
          rows.add(row);
        }
      }

      @Override
      public Object result() {
        return concatenate(rows, maxLength);
      }
    };
  }

  private Object concatenate(List<Object[]> rows, long maxLength) {
    if (rows.isEmpty()) {
      return null;
    }
    if (orderColumns.length > 0) {
      rows.sort(this::compare);
    }
    Set<List<Object>> seen = merge.distinct() ? new HashSet<>() : null;
    Concatenation result = rows.get(0)[textColumn] instanceof byte[] ? new Concatenation.OfBytes(maxLength)
        : new Concatenation.OfText(maxLength, charset);
    boolean first = true;
    for (Object[] row : rows) {
      if (seen != null && !seen.add(argumentKey(row))) {
        continue;
      }
      long repeat = rowsColumn < 0 ? 1 : ((Number) row[rowsColumn]).longValue();
      for (long i = 0; i < repeat; i++) {
        valuesWritten++;
        boolean fits = (first || result.append(merge.separator())) && result.append(row[textColumn]);
        first = false;
        if (!fits) {
          warnings.add(new SQLWarning("Row " + valuesWritten + " was cut by GROUP_CONCAT()", "HY000", 1260));
          return result.value();
        }
      }
    }
    return result.value();
  }

  private List<Object> argumentKey(Object[] row) {
    List<Object> key = new ArrayList<>(argumentColumns.length);
    for (int column : argumentColumns) {
      key.add(comparators.get(column).groupKey(row[column]));
    }
    return key;
  }

  /** A GROUP_CONCAT result being built, cut at a number of bytes on a character boundary. */
  private abstract static class Concatenation {
    final long maxLength;
    long length;

    Concatenation(long maxLength) {
      this.maxLength = maxLength;
    }

    /** Appends a piece, or as much of it as fits; false when it did not fit whole. */
    abstract boolean append(Object piece);

    abstract Object value();

    static final class OfText extends Concatenation {
      private final StringBuilder text = new StringBuilder();
      private final Charset charset;

      OfText(long maxLength, Charset charset) {
        super(maxLength);
        this.charset = charset;
      }

      @Override
      boolean append(Object piece) {
        String string = piece instanceof String s ? s : new String((byte[]) piece, charset);
        for (int i = 0; i < string.length(); ) {
          int codePoint = string.codePointAt(i);
          int bytes = encodedLength(codePoint);
          if (length + bytes > maxLength) {
            return false;
          }
          text.appendCodePoint(codePoint);
          length += bytes;
          i += Character.charCount(codePoint);
        }
        return true;
      }

      private int encodedLength(int codePoint) {
        if (charset.equals(StandardCharsets.UTF_8)) {
          return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
        }
        return new String(Character.toChars(codePoint)).getBytes(charset).length;
      }

      @Override
      Object value() {
        return text.toString();
      }
    }

    static final class OfBytes extends Concatenation {
      private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

      OfBytes(long maxLength) {
        super(maxLength);
      }

      @Override
      boolean append(Object piece) {
        byte[] data = piece instanceof byte[] b ? b : ((String) piece).getBytes(StandardCharsets.UTF_8);
        long room = maxLength - length;
        int written = (int) Math.min(data.length, Math.max(room, 0));
        bytes.write(data, 0, written);
        length += written;
        return written == data.length;
      }

      @Override
      Object value() {
        return bytes.toByteArray();
      }
    }
  }
}
