package org.shardjdbc.benchmarks;

/** A TCP address of a server, as written in a JDBC URL. */
record HostPort(String host, int port) {
  HostPort {
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " of " + host + ": not a TCP port");
    }
  }

  /** Parses {@code host:port}. */
  static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + text + "': expected host:port");
    }
    return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
