package io.delos.robots.ros.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded queue that drops its oldest element to make room, as ROS queues do.
 *
 * @param <E> the element type
 */
public final class DropOldestQueue<E> {
  private final ArrayBlockingQueue<E> queue;
  private long dropped;

  /** A queue holding at most {@code capacity} elements. */
  public DropOldestQueue(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Adds {@code e}, dropping the oldest element when full. */
  public synchronized void offer(E e) {
    while (!queue.offer(e)) {
      if (queue.poll() != null) {
        dropped++;
      }
    }
  }

  /** Waits up to {@code timeoutMillis} for an element; null when none came. */
  public E poll(long timeoutMillis) throws InterruptedException {
    return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Elements dropped so far. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Removes every element. */
  public void clear() {
    queue.clear();
  }
}
