package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that holds every byte for a fixed time in each direction: the network between the
 * application and a shard server, as a delay line. Two of these delays make the added round trip.
 *
 * <p>Why a proxy: the machines this runs on have no {@code netem} queueing discipline, and a proxy in Java needs no
 * privileges and runs anywhere. It listens and connects on loopback addresses only.
 *
 * <p>Each connection gets, per direction, a reader thread that stamps each chunk it reads with its due time and a
 * writer thread that sends chunks in order once due. Bandwidth is not limited: chunks in flight overlap, as packets
 * on a real link do. The writer parks until shortly before the due time and spins the rest, the park's usual lateness
 * ({@link #parkLateness}) having been measured at start, so the delay is met within some microseconds rather than
 * the tens that {@code parkNanos} alone overshoots by.
 */
final class DelayProxy implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final byte[] END = new byte[0];

  private final HostPort target;
  private volatile long delayNanos;
  private final long lateness;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private DelayProxy(HostPort target, long delayNanos, ServerSocket listener) {
    this.target = target;
    this.delayNanos = delayNanos;
    this.lateness = parkLateness();
    this.listener = listener;
  }

  /**
   * Starts a proxy on a free loopback port in front of {@code target}.
   *
   * @param oneWayDelayNanos the delay in each direction: half the added round trip
   * @throws IllegalArgumentException if the target is not a loopback address
   * @throws IOException if no port can be opened
   */
  static DelayProxy start(HostPort target, long oneWayDelayNanos) throws IOException {
    if (!InetAddress.getByName(target.host()).isLoopbackAddress()) {
      throw new IllegalArgumentException("delay proxy target " + target + ": only loopback addresses are proxied");
    }
    ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    DelayProxy proxy = new DelayProxy(target, oneWayDelayNanos, listener);
    Thread acceptor = new Thread(proxy::accept, "delay-proxy-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
    return proxy;
  }

  /** Changes the delay in each direction, for bytes read from now on. */
  void delay(long oneWayDelayNanos) {
    this.delayNanos = oneWayDelayNanos;
  }

  long delayNanos() {
    return delayNanos;
  }

  /** Where clients connect instead of the target. */
  HostPort address() {
    return new HostPort(listener.getInetAddress().getHostAddress(), listener.getLocalPort());
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        Socket server = new Socket();
        server.connect(new InetSocketAddress(target.host(), target.port()), 10_000);
        for (Socket socket : new Socket[] {client, server}) {
          socket.setTcpNoDelay(true);
          sockets.add(socket);
        }
        Link link = new Link(client, server);
        pump(client, server, link, "up");
        pump(server, client, link, "down");
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /** One proxied connection: both sockets are closed when both directions have ended, or one has failed. */
  private final class Link {
    private final Socket client;
    private final Socket server;
    private final AtomicInteger open = new AtomicInteger(2);

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    /** A direction ended cleanly: pass the end on, and close the link once the other direction has ended too. */
    void ended(Socket to) {
      try {
        to.shutdownOutput();
      } catch (IOException e) {
        failed();
        return;
      }
      if (open.decrementAndGet() == 0) {
        failed();
      }
    }

    void failed() {
      closeQuietly(client);
      closeQuietly(server);
      sockets.remove(client);
      sockets.remove(server);
    }
  }

  /** Starts the reader and the writer of one direction. */
  private void pump(Socket from, Socket to, Link link, String direction) throws IOException {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    int id = THREADS.incrementAndGet();
    Thread reader = new Thread(() -> read(in, queue), "delay-proxy-read-" + direction + "-" + id);
    Thread writer = new Thread(() -> write(queue, out, to, link), "delay-proxy-write-" + direction + "-" + id);
    for (Thread thread : new Thread[] {reader, writer}) {
      thread.setDaemon(true);
      thread.start();
    }
  }

  private record Chunk(byte[] bytes, long due) {}

  private void read(InputStream in, BlockingQueue<Chunk> queue) {
    byte[] buffer = new byte[64 * 1024];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        queue.add(new Chunk(Arrays.copyOf(buffer, read), System.nanoTime() + delayNanos));
      }
    } catch (IOException e) {
      // the socket was closed: the end of this direction
    }
    queue.add(new Chunk(END, System.nanoTime() + delayNanos));
  }

  private void write(BlockingQueue<Chunk> queue, OutputStream out, Socket to, Link link) {
    try {
      while (true) {
        Chunk chunk = queue.take();
        waitUntil(chunk.due());
        if (chunk.bytes() == END) {
          link.ended(to);
          return;
        }
        out.write(chunk.bytes());
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      link.failed(); // the other side is gone
    }
  }

  private void waitUntil(long due) {
    long remaining = due - System.nanoTime();
    if (remaining > lateness) {
      LockSupport.parkNanos(remaining - lateness);
    }
    while (due - System.nanoTime() > 0) {
      Thread.onSpinWait();
    }
  }

  /** How late {@code parkNanos(100 µs)} wakes up on this machine: the median of 50 tries. */
  private static long parkLateness() {
    long[] late = new long[50];
    for (int i = 0; i < late.length; i++) {
      long start = System.nanoTime();
      LockSupport.parkNanos(100_000);
      late[i] = Math.max(0, System.nanoTime() - start - 100_000);
    }
    Arrays.sort(late);
    return late[late.length / 2];
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }
}
