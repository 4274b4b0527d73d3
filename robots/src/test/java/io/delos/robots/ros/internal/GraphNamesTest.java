package io.delos.robots.ros.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Resolution of relative, global and private ROS names. */
class GraphNamesTest {
  @Test
  void relativeGlobalAndPrivateNamesResolve() {
    assertThat(GraphNames.resolve("/", "/node", "chatter")).isEqualTo("/chatter");
    assertThat(GraphNames.resolve("/robot1", "/robot1/node", "cmd_vel"))
        .isEqualTo("/robot1/cmd_vel");
    assertThat(GraphNames.resolve("/robot1/", "/robot1/node", "/odom")).isEqualTo("/odom");
    assertThat(GraphNames.resolve("/", "/robot1/node", "~reset")).isEqualTo("/robot1/node/reset");
    assertThat(GraphNames.resolve("/", "/", "a/b/")).isEqualTo("/a/b");
  }

  @Test
  void invalidNamesAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> GraphNames.resolve("/", "/n", "1abc")).hasMessageContaining("'1abc'");
    assertThatThrownBy(() -> GraphNames.resolve("/", "/n", "a-b")).hasMessageContaining("'a-b'");
    assertThatThrownBy(() -> GraphNames.resolve("/", "/n", "a//b")).hasMessageContaining("'a//b'");
  }
}
