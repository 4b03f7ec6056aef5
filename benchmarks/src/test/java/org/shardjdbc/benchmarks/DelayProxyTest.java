package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DelayProxyTest {

  /** An echo server on loopback: every byte read is written back. */
  private static ServerSocket echoServer() throws IOException {
    ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> {
      while (!listener.isClosed()) {
        try (Socket socket = listener.accept()) {
          socket.setTcpNoDelay(true);
          InputStream in = socket.getInputStream();
          OutputStream out = socket.getOutputStream();
          byte[] buffer = new byte[8192];
          int read;
          while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            out.flush();
          }
        } catch (IOException e) {
          // next connection
        }
      }
    });
    thread.setDaemon(true);
    thread.start();
    return listener;
  }

  @Test
  void roundTrip_takesTwiceTheDelay() throws Exception {
    try (ServerSocket echo = echoServer();
        DelayProxy proxy = DelayProxy.start(new HostPort("127.0.0.1", echo.getLocalPort()), 1_000_000);
        Socket socket = new Socket(proxy.address().host(), proxy.address().port())) {
      socket.setTcpNoDelay(true);
      long[] roundTrips = new long[20];
      for (int i = 0; i < roundTrips.length; i++) {
        long start = System.nanoTime();
        socket.getOutputStream().write(i);
        assertTrue(socket.getInputStream().read() == i);
        roundTrips[i] = System.nanoTime() - start;
      }
      Arrays.sort(roundTrips);
      long median = roundTrips[roundTrips.length / 2];
      assertTrue(median >= 2_000_000, "median round trip " + median + " ns: shorter than the 2 ms added");
      assertTrue(median < 50_000_000, "median round trip " + median + " ns: far longer than the 2 ms added");
    }
  }

  @Test
  void bytes_arriveUnchangedAndInOrder() throws Exception {
    byte[] sent = new byte[1 << 20];
    new Random(5).nextBytes(sent);
    try (ServerSocket echo = echoServer();
        DelayProxy proxy = DelayProxy.start(new HostPort("127.0.0.1", echo.getLocalPort()), 200_000);
        Socket socket = new Socket(proxy.address().host(), proxy.address().port())) {
      Thread writer = new Thread(() -> {
        try {
          socket.getOutputStream().write(sent);
          socket.shutdownOutput();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      writer.start();
      byte[] received = new byte[sent.length];
      new DataInputStream(socket.getInputStream()).readFully(received);
      writer.join();
      assertArrayEquals(sent, received);
      assertTrue(socket.getInputStream().read() < 0, "the end of the stream passes through the proxy");
    }
  }

  @Test
  void start_refusesAddressesOffLoopback() {
    assertThrows(IllegalArgumentException.class, () -> DelayProxy.start(new HostPort("192.0.2.1", 3306), 1000));
  }
}
