package dev.oakit.http.internal.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.ProcessDefinition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessDiagramTest {
    /** start → split → (legal ‖ finance) → join → boss → end; boss may return to start (a loop the rows ignore). */
    private static ProcessDefinition contract() {
        return ProcessDefinition.builder("contract").name("Contract <b>&</b>")
                .start("start")
                .parallel("split")
                .approval("legal", a -> a.name("Legal \"team\"").approver(ApproverRule.users("carol")))
                .approval("finance", a -> a.name("Finance").approver(ApproverRule.users("bob")))
                .join("join", "split")
                .approval("boss", a -> a.name("<script>alert(1)</script>").approver(ApproverRule.users("zhao")))
                .end("end")
                .route("start", "split").route("split", "legal").route("split", "finance").route("legal", "join").route("finance", "join")
                .route("join", "boss").route("boss", "end")
                .build();
    }

    @Test
    void nodesSitOnTheRowOfTheirLongestPathFromTheStartAndParallelBranchesShareARow() {
        Map<String, Integer> rows = ProcessDiagram.rows(contract());
        assertThat(rows).containsEntry("start", 0).containsEntry("split", 1).containsEntry("legal", 2).containsEntry("finance", 2)
                .containsEntry("join", 3).containsEntry("boss", 4).containsEntry("end", 5);
    }

    @Test
    void everyTextIsEscapedAndTheStateOfEachNodeIsMarked() {
        String svg = ProcessDiagram.svg(contract(), Set.of("legal"), Set.of("start", "finance"), "Contract <b>&</b>");
        assertThat(svg).doesNotContain("<script>", "<b>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Legal &quot;team&quot;",
                "aria-label=\"Contract &lt;b&gt;&amp;&lt;/b&gt;\"");
        assertThat(svg).contains("class=\"node current\" data-node=\"legal\"", "class=\"node done\" data-node=\"finance\"",
                "class=\"node done\" data-node=\"split\"", "class=\"node todo\" data-node=\"join\"", "class=\"node todo\" data-node=\"boss\"");
    }
}
