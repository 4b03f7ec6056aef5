package org.shardjdbc.driver.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The bytes an object graph holds, estimated from above on a 64-bit JVM without compressed pointers (16-byte object
 * headers, 8-byte references, sizes rounded up to 8): what a plan keeps alive. Objects of the sharding model
 * ({@code org.shardjdbc.planner.model}: tables, algorithms), enum constants and classes belong to every plan and are
 * not counted. JDK collections are counted through their public API (their backing arrays, entries and elements);
 * strings as Latin-1 or UTF-16 text; BigDecimal and BigInteger by their magnitude. Our own objects by their fields.
 */
final class RetainedSize {
  private static final int HEADER = 16;
  private static final int REFERENCE = 8;

  private RetainedSize() {}

  static long of(Object root) {
    IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    Deque<Object> pending = new ArrayDeque<>() {
      @Override
      public void push(Object object) {
        if (object != null) {
          super.push(object);
        }
      }
    };
    pending.push(root);
    long total = 0;
    while (!pending.isEmpty()) {
      Object object = pending.pop();
      if (seen.put(object, Boolean.TRUE) != null || shared(object)) {
        continue;
      }
      total += shallow(object, pending);
    }
    return total;
  }

  private static boolean shared(Object object) {
    return object instanceof Class || object instanceof Enum
        || object.getClass().getPackageName().equals("org.shardjdbc.planner.model");
  }

  private static long shallow(Object object, Deque<Object> pending) {
    Class<?> type = object.getClass();
    if (object instanceof String text) {
      boolean latin1 = text.chars().allMatch(c -> c < 256);
      return align(HEADER + 16) + align(HEADER + (long) text.length() * (latin1 ? 1 : 2));
    }
    if (object instanceof BigDecimal number) {
      return align(HEADER + 32) + align(HEADER + 32) + align(HEADER + number.unscaledValue().bitLength() / 8 + 4);
    }
    if (object instanceof BigInteger number) {
      return align(HEADER + 32) + align(HEADER + number.bitLength() / 8 + 4);
    }
    if (object instanceof Number || object instanceof Boolean || object instanceof Character) {
      return align(HEADER + 8);
    }
    if (type.isArray()) {
      int length = Array.getLength(object);
      if (!type.getComponentType().isPrimitive()) {
        for (int i = 0; i < length; i++) {
          pending.push(Array.get(object, i));
        }
        return align(HEADER + 8 + (long) length * REFERENCE);
      }
      return align(HEADER + 8 + (long) length * 8);
    }
    if (type.getName().startsWith("java.")) {
      if (object instanceof Map<?, ?> map) {
        map.forEach((key, value) -> {
          pending.push(key);
          pending.push(value);
        });
        // the table, and one entry of hash, key, value and next per mapping
        return align(HEADER + 48) + align(HEADER + 8 + 2L * map.size() * REFERENCE) + map.size() * align(HEADER + 32);
      }
      if (object instanceof Collection<?> collection) {
        collection.forEach(pending::push);
        // the backing array, with room to grow, and a node per element for linked or hashed collections
        return align(HEADER + 32) + align(HEADER + 8 + 2L * collection.size() * REFERENCE)
            + collection.size() * align(HEADER + 32);
      }
      throw new IllegalStateException("cannot size a " + type.getName() + " held by a plan: teach RetainedSize");
    }
    long size = HEADER;
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        size += field.getType().isPrimitive() ? 8 : REFERENCE;
        if (!field.getType().isPrimitive()) {
          field.setAccessible(true);
          try {
            pending.push(field.get(object));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return align(size);
  }

  private static long align(long size) {
    return (size + 7) & ~7L;
  }
}
