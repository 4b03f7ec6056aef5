package org.shardjdbc.driver.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback address in front of a test server, which can stop taking new connections while the
 * ones it forwards keep working: after {@link #holdNewConnections()} it accepts a connection and never forwards it, so
 * the client waits for the server's greeting as it would from a server too busy to answer a new connection. Counts
 * the connections it holds. {@link #freeze()} also stops forwarding bytes on the connections it forwards, as a frozen
 * server would.
 */
public final class TcpProxy implements AutoCloseable {
  private final TestServer target;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "tcp-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger held = new AtomicInteger();
  private volatile boolean holding;
  private volatile boolean frozen;

  /** Starts listening on a free port of the loopback address, forwarding to {@code target}. */
  public TcpProxy(TestServer target) {
    this.target = target;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("listening on the loopback address", e);
    }
    threads.execute(this::accept);
  }

  /** The target server as reached through this proxy: the same user, password and URL options. */
  public TestServer server() {
    return target.onLoopbackPort(listener.getLocalPort());
  }

  /** From now on, accepts new connections but never forwards them; those already forwarded keep working. */
  public void holdNewConnections() {
    held.set(0);
    holding = true;
  }

  /** Holds new connections, and forwards no more bytes on the others, in either direction. */
  public void freeze() {
    holdNewConnections();
    frozen = true;
  }

  /** Forwards new connections and bytes again; the connections held meanwhile stay held until they or the proxy close. */
  public void forwardAgain() {
    holding = false;
    frozen = false;
  }

  /** How many connections were accepted and held since {@link #holdNewConnections()} was last called. */
  public int heldConnections() {
    return held.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      sockets.add(client);
      if (holding) {
        held.incrementAndGet();
      } else {
        threads.execute(() -> forward(client));
      }
    }
  }

  private void forward(Socket client) {
    try {
      Socket server = new Socket(target.host(), target.port());
      sockets.add(server);
      server.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      threads.execute(() -> pump(client, server));
      pump(server, client);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /** Copies bytes, none while frozen, until either side closes; then closes both. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        while (frozen) {
          Thread.sleep(10);
        }
        out.write(buffer, 0, read);
      }
    } catch (IOException | InterruptedException e) {
      // one side went away, or the proxy closed: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  /** Stops listening and closes every connection, forwarded or held. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    sockets.forEach(TcpProxy::closeQuietly);
    threads.shutdownNow();
  }
}
