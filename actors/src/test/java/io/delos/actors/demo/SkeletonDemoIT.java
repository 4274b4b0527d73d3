package io.delos.actors.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.delos.actors.robot.Pacing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SkeletonDemoIT {
  @Test
  void lqrActorKeepsThePoleUprightForTenSecondsAndTheStoreReceivesEveryStep() {
    var config =
        ConfigFactory.parseString("delos.grpc.port = 0").withFallback(ConfigFactory.load());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SkeletonDemo.Result r =
        SkeletonDemo.run(
            config, Pacing.LOCK_STEP, 10.0, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(r.simulatedSeconds()).isEqualTo(10.0);
    assertThat(r.steps()).isEqualTo(500);
    assertThat(r.maxAngleAfterStart()).isLessThan(0.2);
    assertThat(r.storedRows()).isEqualTo(r.steps());
    assertThat(r.contiguous()).isTrue();
    assertThat(r.health()).isEqualTo("SERVING");
    assertThat(r.listedSystems()).containsExactly("cartpole-0");
    assertThat(r.modelError()).isLessThan(r.holdError());
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("Result: pole angle stayed within");
  }
}
