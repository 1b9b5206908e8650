using AiPlusTasks.Designer.Components;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Bunit;

namespace AiPlusTasks.Designer.Tests.Components;

public sealed class TestRunPanelTests : DesignerContext
{
    /// <summary>Start → wait for "approved" → 3 days → review task for guangdong (Approved/Returned) → a line → End.</summary>
    private const string Draft = """
        {
          "id": "trial-1", "definitionId": "trial", "name": "试运行测试", "version": 1,
          "variables": [], "outputs": [],
          "inputs": [{ "name": "n", "type": "Int32", "displayName": "数量", "sample": 7 }],
          "root": {
            "id": "flowchart1", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "start1", "type": "Elsa.Start", "name": "开始" },
              { "id": "approval1", "type": "Elsa.Event", "name": "等待批准",
                "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "approved" } } },
              { "id": "wait1", "type": "Elsa.Delay",
                "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "P3D" } } },
              { "id": "review1", "type": "AiPlus.HumanTask", "name": "牵头单位审核",
                "title": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'审核第 ' + getInput('n') + ' 项'" } },
                "assigneeAgency": { "typeName": "String", "expression": { "type": "Literal", "value": "guangdong" } },
                "outcomes": { "typeName": "String", "expression": { "type": "Literal", "value": "Approved,Returned" } },
                "schema": { "typeName": "Object", "expression": { "type": "Object", "value": "{\"type\":\"object\",\"required\":[\"progress\",\"comment\"],\"properties\":{\"progress\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":100,\"title\":\"进度\"},\"comment\":{\"type\":\"string\",\"title\":\"意见\"}}}" } } },
              { "id": "say1", "type": "Elsa.WriteLine", "name": "记录进度",
                "text": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'进度 ' + getLastResult().data.progress" } } },
              { "id": "end1", "type": "Elsa.End", "name": "结束" }
            ],
            "connections": [
              { "source": { "activity": "start1", "port": "Done" }, "target": { "activity": "approval1", "port": "In" } },
              { "source": { "activity": "approval1", "port": "Done" }, "target": { "activity": "wait1", "port": "In" } },
              { "source": { "activity": "wait1", "port": "Done" }, "target": { "activity": "review1", "port": "In" } },
              { "source": { "activity": "review1", "port": "Approved" }, "target": { "activity": "say1", "port": "In" } },
              { "source": { "activity": "review1", "port": "Returned" }, "target": { "activity": "end1", "port": "In" } },
              { "source": { "activity": "say1", "port": "Done" }, "target": { "activity": "end1", "port": "In" } }
            ]
          }
        }
        """;

    private readonly List<InstanceTrace?> _traces = [];

    private IRenderedComponent<TestRunPanel> Panel(string json = Draft, int problemCount = 0, IReadOnlyDictionary<string, string>? names = null)
    {
        var definition = WorkflowDefinitionJson.Read(json);
        var graph = DesignerServices.Mapper.ToGraph(definition);
        return Render<TestRunPanel>(p => p
            .Add(x => x.Draft, () => definition)
            .Add(x => x.Graph, graph)
            .Add(x => x.ProblemCount, problemCount)
            .Add(x => x.DefinitionNames, names ?? new Dictionary<string, string>())
            .Add(x => x.OnTraceChanged, trace => _traces.Add(trace)));
    }

    private static void Run(IRenderedComponent<TestRunPanel> cut) => cut.Find("#test-run-start").Click();

    [Fact]
    public void Run_EventTimerAndTask_StepsThroughEveryWaitToFinished_LightingThePath()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel();
        Assert.Equal("7", cut.Find("#test-run-input-n").GetAttribute("value"));

        Run(cut);

        Assert.Equal("Suspended", cut.Find("#test-run-status").GetAttribute("data-status"));
        Assert.Contains("状态：等待中", cut.Find("#test-run-status").TextContent, StringComparison.Ordinal);
        var wait = cut.Find(".test-run-wait");
        Assert.Equal(("Event", "approval1"), (wait.GetAttribute("data-kind"), wait.GetAttribute("data-activity")));
        Assert.Contains("等待批准", wait.TextContent, StringComparison.Ordinal);
        Assert.Contains("等待事件「approved」", wait.TextContent, StringComparison.Ordinal);
        Assert.Equal(NodeRunState.Waiting, _traces[^1]!.NodeStates["approval1"]);
        Assert.Equal(NodeRunState.Executed, _traces[^1]!.NodeStates["start1"]);

        cut.Find(".test-run-payload").Input("""{"by":"ndrc"}""");
        cut.Find(".test-run-raise").Click();
        var timer = cut.Find(".test-run-wait[data-kind=Timer]");
        Assert.Contains("延时", timer.TextContent, StringComparison.Ordinal);
        Assert.Contains("到期时间（北京时间）：2026-03-07 12:00", timer.TextContent, StringComparison.Ordinal);

        cut.Find(".test-run-pass").Click();
        Assert.Contains("模拟时间（北京时间）：2026-03-07 12:00", cut.Find("#test-run-clock").TextContent, StringComparison.Ordinal);
        var task = cut.Find(".test-run-wait[data-kind=HumanTask]");
        Assert.Contains("任务「审核第 7 项」，办理单位：广东省", task.TextContent, StringComparison.Ordinal);
        Assert.Equal(["完成任务：通过", "完成任务：退回"], cut.FindAll(".test-run-complete").Select(b => b.TextContent.Trim()));

        cut.Find(".test-run-complete[data-outcome=Approved]").Click();

        Assert.Equal("Finished", cut.Find("#test-run-status").GetAttribute("data-status"));
        Assert.Empty(cut.FindAll(".test-run-wait"));
        var said = cut.Find(".test-run-entry[data-activity=say1][data-event=Completed]");
        Assert.Contains("记录进度", said.TextContent, StringComparison.Ordinal);
        Assert.Contains("进度 50", said.TextContent, StringComparison.Ordinal);
        Assert.Contains("→ 通过", cut.Find(".test-run-entry[data-activity=review1][data-event=Completed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("整个流程", cut.Find(".test-run-entry[data-activity=flowchart1]").TextContent, StringComparison.Ordinal);
        var trace = _traces[^1]!;
        Assert.All(["start1", "approval1", "wait1", "review1", "say1", "end1"], id => Assert.Equal(NodeRunState.Executed, trace.NodeStates[id]));
        Assert.Contains("review1:Approved->say1", trace.TakenLinks);
        Assert.DoesNotContain("review1:Returned->end1", trace.TakenLinks);
    }

    [Fact]
    public void Journal_TaskIssuedAndCompleted_ShowsWhatARealRunWouldDoUnderItsActivity()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel();
        Run(cut);
        cut.Find(".test-run-raise").Click();
        cut.Find(".test-run-pass").Click();

        cut.Find(".test-run-complete[data-outcome=Returned]").Click();

        var suspended = cut.Find(".test-run-entry[data-activity=review1][data-event=Suspended]");
        Assert.Equal("将向广东省下达任务「审核第 7 项」", suspended.QuerySelector(".test-run-effect[data-kind=TaskCreated]")!.TextContent[2..]);
        var completed = cut.Find(".test-run-entry[data-activity=review1][data-event=Completed]");
        Assert.Contains("将办结任务「审核第 7 项」：退回", completed.TextContent, StringComparison.Ordinal);
        Assert.Contains("带“将”的行只是预演", cut.Find("#test-run-effects-note").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".test-run-entry[data-activity=say1]"));
    }

    [Fact]
    public void CompleteTask_SampleDataFromTheSchema_IsShownAndWhatTheSchemaRefusesIsSaidUnderItsField()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel();
        Run(cut);
        cut.Find(".test-run-raise").Click();
        cut.Find(".test-run-pass").Click();
        var progress = cut.Find("[data-field=progress] input");
        Assert.Equal("50", progress.GetAttribute("value"));
        Assert.Equal("试运行示例：意见", cut.Find("[data-field=comment] textarea").TextContent);

        progress.Input("140");
        cut.Find("[data-field=comment] textarea").Input("");
        cut.Find(".test-run-complete[data-outcome=Approved]").Click();
        Assert.Equal("必填", cut.Find("[data-field=comment] .test-run-field-error").TextContent);

        cut.Find("[data-field=comment] textarea").Input("同意");
        cut.Find(".test-run-complete[data-outcome=Approved]").Click();

        Assert.Equal("不符合表单要求", cut.Find("[data-field=progress] .test-run-field-error").TextContent);
        Assert.Contains("数据不符合任务表单的要求", cut.Find(".test-run-wait-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("Suspended", cut.Find("#test-run-status").GetAttribute("data-status"));
        Assert.Equal("140", cut.Find("[data-field=progress] input").GetAttribute("value"));
    }

    [Fact]
    public void RaiseEvent_DataThatIsNotJson_IsRefusedWithItsLineAndTheRunStillWaits()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel();
        Run(cut);

        cut.Find(".test-run-payload").Input("{\n oops");
        cut.Find(".test-run-raise").Click();

        Assert.Contains("不是有效的 JSON（第 2 行）", cut.Find(".test-run-wait-error").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll(".test-run-wait[data-kind=Event]"));
    }

    [Fact]
    public void Run_DraftWithProblems_IsNotOffered()
    {
        TestCulture.Use("zh-CN");

        var cut = Panel(problemCount: 2);

        Assert.True(cut.Find("#test-run-start").HasAttribute("disabled"));
        Assert.Contains("流程还有 2 个问题", cut.Find("#test-run-needs-no-problems").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RunAgain_AfterARun_ShowsTheInputsWithWhatWasTyped_AndClearsTheCanvas()
    {
        var cut = Panel();
        cut.Find("#test-run-input-n").Input("12");
        Run(cut);
        Assert.Equal(12, cut.Instance.Run!.Input["n"]!.GetValue<double>());

        cut.Find("#test-run-restart").Click();

        Assert.Equal("12", cut.Find("#test-run-input-n").GetAttribute("value"));
        Assert.Null(_traces[^1]);
        Assert.Empty(cut.FindAll("#test-run-journal"));
    }

    [Fact]
    public void ChildWorkflow_WaitedFor_IsNamedByItsDefinitionAndAgency_AndCompletesWithTheOutputGiven()
    {
        TestCulture.Use("en");
        const string parent = """
            {
              "id": "p-1", "definitionId": "parent", "name": "Parent", "version": 1, "variables": [], "inputs": [], "outputs": [],
              "root": { "id": "flowchart1", "type": "Elsa.Flowchart",
                "activities": [
                  { "id": "start1", "type": "Elsa.Start" },
                  { "id": "child1", "type": "Elsa.ExecuteWorkflow",
                    "workflowDefinitionId": { "typeName": "String", "expression": { "type": "Literal", "value": "province-task" } },
                    "input": { "typeName": "Object", "expression": { "type": "Object", "value": "{\"agency\":\"hubei\"}" } } },
                  { "id": "say1", "type": "Elsa.WriteLine",
                    "text": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'child said ' + getLastResult().answer" } } }
                ],
                "connections": [
                  { "source": { "activity": "start1", "port": "Done" }, "target": { "activity": "child1", "port": "In" } },
                  { "source": { "activity": "child1", "port": "Done" }, "target": { "activity": "say1", "port": "In" } }
                ] }
            }
            """;
        var cut = Panel(parent, names: new Dictionary<string, string> { ["province-task"] = "Province task" });
        cut.Find("#test-run-input-json").Input("");
        Run(cut);

        var wait = cut.Find(".test-run-wait[data-kind=ChildWorkflow]");
        Assert.Contains("Execute workflow", wait.TextContent, StringComparison.Ordinal);
        Assert.Contains("Child workflow “Province task” (Hubei Province)", wait.TextContent, StringComparison.Ordinal);
        Assert.Contains("Would start the child workflow “Province task”", cut.Find(".test-run-effect[data-kind=ChildStarted]").TextContent, StringComparison.Ordinal);
        cut.Find(".test-run-child-output").Input("""{"answer": 42}""");
        cut.Find(".test-run-complete-child").Click();

        Assert.Equal("Finished", cut.Find("#test-run-status").GetAttribute("data-status"));
        Assert.Contains("child said 42", cut.Find(".test-run-entry[data-activity=say1][data-event=Completed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Status: Finished", cut.Find("#test-run-status").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Panel_InEnglish_SaysEverythingInEnglish()
    {
        TestCulture.Use("en");
        var cut = Panel();
        Run(cut);
        cut.Find(".test-run-raise").Click();
        cut.Find(".test-run-pass").Click();

        var text = cut.Find("#test-run-panel").TextContent;

        Assert.Contains("Test run of the current draft", text, StringComparison.Ordinal);
        Assert.Contains("Task “审核第 7 项” for Guangdong Province", text, StringComparison.Ordinal);
        Assert.Contains("Test-run sample: 意见", cut.Find("[data-field=comment] textarea").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Complete the task: Approve", "Complete the task: Return"], cut.FindAll(".test-run-complete").Select(b => b.TextContent.Trim()));
        Assert.Contains("Would issue the task “审核第 7 项” to Guangdong Province", text, StringComparison.Ordinal);
        Assert.DoesNotContain("：", text.Replace("审核第 7 项", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
