package io.delos.robots.ros.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's TCPROS connection to a publication: a queue and a writer thread, so a slow
 * subscriber never blocks the publisher.
 */
final class SubscriberConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriberConnection.class);
  private static final long IDLE_CHECK_MILLIS = 1000;

  final int id;
  final String callerId;
  private final Socket socket;
  private final TopicPublication publication;
  private final DropOldestQueue<byte[]> queue;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong messagesSent = new AtomicLong();
  private volatile boolean closed;

  SubscriberConnection(
      int id, String callerId, Socket socket, TopicPublication publication, int queueSize) {
    this.id = id;
    this.callerId = callerId;
    this.socket = socket;
    this.publication = publication;
    this.queue = new DropOldestQueue<>(queueSize);
  }

  void offer(byte[] payload) {
    queue.offer(payload);
  }

  void start() {
    Threads.start("ros-pub-" + publication.topic + "-" + id, this::run);
  }

  long bytesSent() {
    return bytesSent.get();
  }

  long messagesSent() {
    return messagesSent.get();
  }

  boolean isOpen() {
    return !closed;
  }

  private void run() {
    try (socket) {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      InputStream in = socket.getInputStream();
      socket.setSoTimeout(1);
      while (!closed) {
        byte[] payload = queue.poll(IDLE_CHECK_MILLIS);
        if (payload == null) {
          if (peerClosed(in)) {
            break;
          }
          continue;
        }
        Frames.writeFrame(out, payload);
        out.flush();
        bytesSent.addAndGet(payload.length + 4L);
        messagesSent.incrementAndGet();
      }
    } catch (IOException e) {
      LOG.debug(
          "connection {} of {} to {} ended: {}", id, publication.topic, callerId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closed = true;
      publication.remove(this);
    }
  }

  /** Subscribers send nothing after their header: end of stream means they left. */
  private static boolean peerClosed(InputStream in) throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.trace("closing connection", e);
    }
  }
}
