package io.delos.actors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one direction of dependencies (see the shared ARCHITECTURE.md): library modules are plain
 * Java; only {@code actors} knows about actors, gRPC, configuration and logging back-ends; only
 * {@code sim} touches JBox2D; {@code controllers} plans through {@code Dynamics} and never sees
 * {@code world-model}.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importDelos() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.delos");
  }

  private static final String[] RUNTIME_ONLY = {
    "org.apache.pekko..",
    "io.grpc..",
    "com.typesafe.config..",
    "ch.qos.logback..",
    "io.delos.proto..",
    "picocli.."
  };

  @Test
  void libraryModulesDoNotUseTheRuntimesFrameworks() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "io.delos.sim..",
                "io.delos.robots..",
                "io.delos.worldmodel..",
                "io.delos.controllers..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(RUNTIME_ONLY)
            .because("only actors imports Pekko, gRPC, configuration and logging back-ends");
    rule.check(classes);
  }

  @Test
  void onlySimTouchesJbox2d() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.delos.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.jbox2d..")
        .because("JBox2D's floats and mutable definitions stay inside sim")
        .check(classes);
  }

  @Test
  void controllersNeverImportTheWorldModel() {
    noClasses()
        .that()
        .resideInAPackage("io.delos.controllers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.delos.worldmodel..", "ai.djl..", "io.delos.robots..", "io.delos.actors..")
        .because("controllers plan through the Dynamics seam of sim")
        .check(classes);
  }

  @Test
  void simDependsOnNoOtherDelosModule() {
    noClasses()
        .that()
        .resideInAPackage("io.delos.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.delos.robots..",
            "io.delos.worldmodel..",
            "io.delos.controllers..",
            "io.delos.actors..")
        .check(classes);
  }

  @Test
  void robotsAndWorldModelDependOnlyOnSim() {
    noClasses()
        .that()
        .resideInAPackage("io.delos.robots..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.delos.worldmodel..", "io.delos.controllers..", "io.delos.actors..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.delos.worldmodel..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.delos.robots..", "io.delos.controllers..", "io.delos.actors..")
        .check(classes);
  }

  @Test
  void theRulesSeeEveryModule() {
    for (String p :
        new String[] {
          "io.delos.sim",
          "io.delos.robots",
          "io.delos.worldmodel",
          "io.delos.controllers",
          "io.delos.actors",
          "io.delos.proto"
        }) {
      org.assertj.core.api.Assertions.assertThat(
              classes.stream().anyMatch(c -> c.getPackageName().startsWith(p)))
          .as("classes imported from %s", p)
          .isTrue();
    }
  }
}
