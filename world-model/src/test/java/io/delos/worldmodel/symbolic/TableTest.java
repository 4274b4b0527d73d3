package io.delos.worldmodel.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void readsAHeaderAndNumericRows() throws Exception {
    Table t = Table.parseCsv(new StringReader("a, b,y\n1,2,3\n\n4,5.5,-6e-1\n"));
    assertThat(t.names()).containsExactly("a", "b", "y");
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.column("y")).containsExactly(3, -0.6);
  }

  @Test
  void rejectsBadRowsNamingTheLineAndColumn() {
    assertThatThrownBy(() -> Table.parseCsv(new StringReader("a,b\n1,2\n3,x\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'b'");
    assertThatThrownBy(() -> Table.parseCsv(new StringReader("a,b\n1,2,3\n")))
        .hasMessageContaining("has 3 values");
    assertThatThrownBy(() -> Table.parseCsv(new StringReader("a,a\n1,2\n")))
        .hasMessageContaining("repeated");
  }
}
