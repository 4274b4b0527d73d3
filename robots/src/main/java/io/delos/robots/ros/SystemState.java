package io.delos.robots.ros;

import java.util.List;
import java.util.Map;

/**
 * The master's view of the graph: who publishes, subscribes and serves what.
 *
 * @param publishers topic to the names of the nodes publishing it
 * @param subscribers topic to the names of the nodes subscribing to it
 * @param services service to the names of the nodes providing it
 */
public record SystemState(
    Map<String, List<String>> publishers,
    Map<String, List<String>> subscribers,
    Map<String, List<String>> services) {
  /** Copies the maps. */
  public SystemState {
    publishers = Map.copyOf(publishers);
    subscribers = Map.copyOf(subscribers);
    services = Map.copyOf(services);
  }

  /** The nodes publishing {@code topic}; empty when none. */
  public List<String> publishersOf(String topic) {
    return publishers.getOrDefault(topic, List.of());
  }

  /** The nodes subscribing to {@code topic}; empty when none. */
  public List<String> subscribersOf(String topic) {
    return subscribers.getOrDefault(topic, List.of());
  }

  /** The nodes providing {@code service}; empty when none. */
  public List<String> providersOf(String service) {
    return services.getOrDefault(service, List.of());
  }
}
