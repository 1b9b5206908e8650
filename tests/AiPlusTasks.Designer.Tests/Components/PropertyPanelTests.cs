using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Components;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using Bunit;

namespace AiPlusTasks.Designer.Tests.Components;

public sealed class PropertyPanelTests : DesignerContext
{
    private static readonly string[] TwoProvinces = ["beijing", "guangdong"];

    private DesignerNode? _changed;

    private IRenderedComponent<PropertyPanel> Panel(DesignerNode node, IReadOnlyList<VariableDefinition>? variables = null) =>
        Render<PropertyPanel>(p => p
            .Add(x => x.Node, node)
            .Add(x => x.Variables, variables ?? [])
            .Add(x => x.OnChange, (DesignerNode changed) => _changed = changed));

    private static DesignerNode FromFile(string file, Func<DesignerNode, bool> which) =>
        DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow(file)).Nodes.First(which);

    private void AssertInput(string name, string json)
    {
        Assert.NotNull(_changed);
        var actual = _changed.GetProperty(name);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), actual), actual?.ToJsonString() ?? "absent");
    }

    [Fact]
    public void Header_OfADelay_SaysTheTypeAndOutcomeInWords_AndKeepsTheTechnicalNameMarkedAsAuthored()
    {
        TestCulture.Use("zh-CN");

        var cut = Panel(NewNode(ActivityTypes.Delay));

        Assert.Equal("类型: 延时", cut.Find(".node-type").TextContent.Trim());
        var technical = cut.Find(".node-technical-name code");
        Assert.Equal("Elsa.Delay · delay1", technical.TextContent);
        Assert.True(technical.HasAttribute("data-authored"));
        Assert.Equal("完成", cut.Find("[data-port=Done]").TextContent);
    }

    [Fact]
    public void DisplayName_Edited_RaisesTheRenamedNode()
    {
        var cut = Panel(NewNode(ActivityTypes.WriteLine));

        cut.Find("#node-name").Change("问候 Greet");

        Assert.Equal("问候 Greet", _changed?.Name);
        Assert.Equal("writeLine1", _changed?.Id);
    }

    [Fact]
    public void Text_Edited_RaisesAnElsaLiteral()
    {
        var cut = Panel(NewNode(ActivityTypes.WriteLine));

        cut.Find("#input-text").Change("你好");

        AssertInput("text", """{"typeName":"String","expression":{"type":"Literal","value":"你好"}}""");
    }

    [Fact]
    public void Text_SwitchedToJavaScript_KeepsTheTypeNameAndChecksSyntax()
    {
        TestCulture.Use("en");
        var cut = Panel(FromFile("hello-world.json", n => n.Id == "writeLine1"));

        cut.Find("#type-text").Change(Expression.JavaScript);
        cut.Find("#input-text").Change("getVariable('Greeting'");

        AssertInput("text", """{"typeName":"String","expression":{"type":"JavaScript","value":"getVariable('Greeting'"}}""");
        Assert.StartsWith("JavaScript syntax error:", cut.Find("[data-input=text] .input-error").TextContent.Trim());
        cut.Find("#input-text").Change("getVariable('Greeting')");
        Assert.Empty(cut.FindAll("[data-input=text] .input-error"));
    }

    [Fact]
    public void Number_Edited_RaisesTheNumberAsElsaWritesIt()
    {
        TestCulture.Use("en");
        var cut = Panel(NewNode("AiPlus.HumanTask"));

        Assert.Equal("number", cut.Find("#input-priority").GetAttribute("type"));
        Assert.Equal("3", cut.Find("#input-priority").GetAttribute("value"));
        cut.Find("#input-priority").Change("5");

        AssertInput("priority", """{"typeName":"Double","expression":{"type":"Literal","value":"5"}}""");
        cut.Find("#input-priority").Change("five");
        Assert.Equal("Not a number", cut.Find("[data-input=priority] .input-error").TextContent.Trim());
    }

    [Fact]
    public void Choice_Select_ListsTheChoicesAndRaisesTheChosenOne()
    {
        var cut = Panel(NewNode(ActivityTypes.FlowJoin));

        var options = cut.FindAll("#input-mode option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "WaitAny", "WaitAll", "WaitAllActive", "WaitAllInbound"], options);
        Assert.Equal("全部分支到达且均已执行", cut.Find("#input-mode option[value=WaitAll]").TextContent);
        Assert.True(cut.Find("#input-mode option[value=WaitAny]").HasAttribute("selected"));
        cut.Find("#input-mode").Change("WaitAllActive");

        AssertInput("mode", """{"typeName":"String","expression":{"type":"Literal","value":"WaitAllActive"}}""");
    }

    [Fact]
    public void Condition_New_IsAJavaScriptExpressionCheckedForSyntax()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel(NewNode(ActivityTypes.FlowDecision));

        Assert.Equal(Expression.JavaScript, cut.Find("#type-condition option[selected]").GetAttribute("value"));
        cut.Find("#input-condition").Change("getVariable('Round') >");

        AssertInput("condition", """{"typeName":"Boolean","expression":{"type":"JavaScript","value":"getVariable('Round') >"}}""");
        Assert.StartsWith("JavaScript 语法错误：", cut.Find("[data-input=condition] .input-error").TextContent.Trim());
    }

    [Fact]
    public void Condition_Literal_IsAYesNoChoice()
    {
        var node = NewNode(ActivityTypes.FlowDecision).WithInput("condition", Expression.Literal, "true", "Boolean");
        var cut = Panel(node);

        cut.Find("#input-condition").Change("false");

        AssertInput("condition", """{"typeName":"Boolean","expression":{"type":"Literal","value":"false"}}""");
    }

    [Theory]
    [InlineData("zh-CN", "P3D", "3 天")]
    [InlineData("en", "P3D", "3 days")]
    [InlineData("en", "1.12:00:00", "1 day 12 hours")]
    public void Duration_Valid_ShowsAReadablePreview(string culture, string text, string preview)
    {
        TestCulture.Use(culture);
        var cut = Panel(NewNode(ActivityTypes.Delay));

        cut.Find("#input-timeSpan").Change(text);

        AssertInput("timeSpan", new JsonObject { ["typeName"] = "TimeSpan", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text } }.ToJsonString());
        Assert.Equal(preview, cut.Find("[data-input=timeSpan] .duration-preview").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-input=timeSpan] .input-error"));
    }

    [Fact]
    public void Duration_Invalid_ShowsTheError()
    {
        TestCulture.Use("en");
        var cut = Panel(NewNode(ActivityTypes.Delay));

        cut.Find("#input-timeSpan").Change("three days");

        Assert.StartsWith("Not a duration", cut.Find("[data-input=timeSpan] .input-error").TextContent.Trim());
        Assert.Empty(cut.FindAll(".duration-preview"));
    }

    [Fact]
    public void Cron_Valid_ShowsTheNextFiveRunsInChinaStandardTime()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel(NewNode(ActivityTypes.Cron));

        cut.Find("#input-cronExpression").Change("0 9 * * 1");

        AssertInput("cronExpression", """{"typeName":"String","expression":{"type":"Literal","value":"0 9 * * 1"}}""");
        Assert.Equal(
            ["2026-03-09 09:00 周一", "2026-03-16 09:00 周一", "2026-03-23 09:00 周一", "2026-03-30 09:00 周一", "2026-04-06 09:00 周一"],
            cut.FindAll("[data-input=cronExpression] .cron-next li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public void Cron_FromTheClock_CountsFromNow()
    {
        TestCulture.Use("en");
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 9, 30, 0, TimeSpan.FromHours(8)));
        var cut = Panel(NewNode(ActivityTypes.Cron));

        cut.Find("#input-cronExpression").Change("0 9 * * 1");

        Assert.Equal("2026-03-16 09:00 Mon", cut.Find("[data-input=cronExpression] .cron-next li").TextContent.Trim());
    }

    [Fact]
    public void Cron_Invalid_ShowsTheError()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel(NewNode(ActivityTypes.Cron));

        cut.Find("#input-cronExpression").Change("每周一");

        Assert.StartsWith("不是有效的定时表达式", cut.Find("[data-input=cronExpression] .input-error").TextContent.Trim());
        Assert.Empty(cut.FindAll(".cron-next"));
    }

    [Fact]
    public void ForkBranches_CommaList_RaisesTheJsonArrayElsaReads()
    {
        var cut = Panel(NewNode(ActivityTypes.FlowFork));

        cut.Find("#input-branches").Change("Ministries, Provinces");

        // As Elsa Studio writes a fork's branches (elsa-core's fork.json): a comma-separated text would be one branch to Elsa.
        AssertInput("branches", """{"typeName":"String[]","expression":{"type":"Object","value":"[\"Ministries\",\"Provinces\"]"}}""");
        Assert.Equal(["Ministries", "Provinces"], cut.FindAll("[data-input=branches] .names-preview .designer-chip").Select(c => c.TextContent));
        Assert.Equal(["Ministries", "Provinces"], DesignerServices.Catalog.Ports(_changed!.ToActivity()));
    }

    [Fact]
    public void ForkBranches_FromAFile_ShowsTheNamesAndKeepsTheArrayFormOnEdit()
    {
        var cut = Panel(FromFile("national-key-task.json", n => n.Type == ActivityTypes.FlowFork));

        Assert.Equal("Ministries, Provinces", cut.Find("#input-branches").GetAttribute("value"));
        cut.Find("#input-branches").Change("Ministries，Provinces, Cities");

        AssertInput("branches", """{"typeName":"String[]","expression":{"type":"Object","value":"[\"Ministries\",\"Provinces\",\"Cities\"]"}}""");
        Assert.Equal(["Ministries", "Provinces", "Cities"], cut.FindAll("[data-input=branches] .names-preview .designer-chip").Select(c => c.TextContent));
    }

    [Fact]
    public void ForkBranches_LegacyCommaText_ShowsTheOneBranchElsaReads()
    {
        var fork = NewNode(ActivityTypes.FlowFork).WithInput("branches", Expression.Literal, "A,B", "String");

        var cut = Panel(fork);

        Assert.Equal(["A,B"], cut.FindAll("[data-input=branches] .names-preview .designer-chip").Select(c => c.TextContent));
    }

    [Fact]
    public void Names_OtherThanForkBranches_KeepTheCommaText()
    {
        var cut = Panel(NewNode("AiPlus.HumanTask"));

        cut.Find("#input-outcomes").Change("Approved, Returned");

        AssertInput("outcomes", """{"typeName":"String","expression":{"type":"Literal","value":"Approved, Returned"}}""");
    }

    [Fact]
    public void Json_Object_IsValidatedAsJson()
    {
        TestCulture.Use("en");
        var cut = Panel(NewNode(ActivityTypes.ExecuteWorkflow));

        Assert.Equal(Expression.Object, cut.Find("#type-input option[selected]").GetAttribute("value"));
        cut.Find("#input-input").Change("{\"province\": ");
        Assert.StartsWith("Not valid JSON:", cut.Find("[data-input=input] .input-error").TextContent.Trim());

        cut.Find("#input-input").Change("{\"province\":\"hubei\"}");

        AssertInput("input", """{"typeName":"Object","expression":{"type":"Object","value":"{\"province\":\"hubei\"}"}}""");
        Assert.Empty(cut.FindAll("[data-input=input] .input-error"));
    }

    [Fact]
    public void Script_Invalid_ShowsTheParserError()
    {
        TestCulture.Use("en");
        var cut = Panel(NewNode(ActivityTypes.RunJavaScript));

        cut.Find("#input-script").Change("const x = ;");

        AssertInput("script", """{"typeName":"String","expression":{"type":"Literal","value":"const x = ;"}}""");
        Assert.StartsWith("JavaScript syntax error:", cut.Find("[data-input=script] .input-error").TextContent.Trim());
        Assert.Equal("textarea", cut.Find("#input-script").TagName.ToLowerInvariant());
    }

    [Fact]
    public void VariableReference_Select_ListsTheVariablesAndWritesElsasReference()
    {
        var variables = DesignerServices.ReadWorkflow("hello-world.json").Variables;
        var cut = Panel(NewNode(ActivityTypes.SetVariable), variables);

        Assert.Equal(["", "Greeting"], cut.FindAll("#input-variable option").Select(o => o.GetAttribute("value")));
        cut.Find("#input-variable").Change("Greeting");

        AssertInput("variable", """{"id":"v-greeting","name":"Greeting","typeName":"String"}""");
    }

    [Fact]
    public void Variable_Expression_PicksAVariableByName()
    {
        var variables = DesignerServices.ReadWorkflow("hello-world.json").Variables;
        var cut = Panel(NewNode(ActivityTypes.WriteLine), variables);

        cut.Find("#type-text").Change(Expression.Variable);
        cut.Find("#input-text").Change("Greeting");

        AssertInput("text", """{"typeName":"String","expression":{"type":"Variable","value":"Greeting"}}""");
    }

    [Theory]
    [InlineData("zh-CN", "国家发展和改革委员会", "工业和信息化部")]
    [InlineData("en", "National Development and Reform Commission", "Ministry of Industry and Information Technology")]
    public void AgencyPicker_ListsTheDirectoryInTheCurrentLanguage(string culture, string ndrc, string miit)
    {
        TestCulture.Use(culture);
        var cut = Panel(NewNode("AiPlus.HumanTask"));

        var options = cut.FindAll("#input-assigneeAgency option").ToDictionary(o => o.GetAttribute("value")!, o => o.TextContent.Trim());
        Assert.Equal(DesignerServices.Agencies.All.Count + 1, options.Count);
        Assert.Equal(ndrc, options["ndrc"]);
        Assert.Equal(miit, options["miit"]);
        cut.Find("#input-assigneeAgency").Change("miit");

        AssertInput("assigneeAgency", """{"typeName":"String","expression":{"type":"Literal","value":"miit"}}""");
    }

    [Fact]
    public void AgencyPicker_CodeNotInTheDirectory_IsKeptAsAnOption()
    {
        var node = NewNode("AiPlus.HumanTask").WithInput("assigneeAgency", Expression.Literal, "somewhere", "String");

        var cut = Panel(node);

        var selected = cut.Find("#input-assigneeAgency option[selected]");
        Assert.Equal("somewhere", selected.GetAttribute("value"));
    }

    [Fact]
    public void AgenciesPicker_SeveralChosen_RaisesACommaList()
    {
        var cut = Panel(NewNode("AiPlus.FanOut"));

        Assert.True(cut.Find("#input-agencies").HasAttribute("multiple"));
        cut.Find("#input-agencies").Change(TwoProvinces);

        AssertInput("agencies", """{"typeName":"String","expression":{"type":"Literal","value":"beijing,guangdong"}}""");
        Assert.Equal(["beijing", "guangdong"], cut.FindAll("#input-agencies option[selected]").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public void Schema_FromAFile_PreviewsTheFormFields()
    {
        TestCulture.Use("en");
        var node = FromFile("national-key-task.json", n => n.GetInput("schema")?.Text?.Contains("measures", StringComparison.Ordinal) == true);

        var cut = Panel(node);

        Assert.Equal("Form fields", cut.Find("[data-input=schema] .schema-fields .mud-typography").TextContent.Trim());
        var fields = cut.FindAll("[data-input=schema] .schema-fields li");
        Assert.Equal(["measures", "division"], fields.Select(f => f.GetAttribute("data-field")));
        Assert.EndsWith("· Text *", fields[0].TextContent.Trim());
    }

    [Fact]
    public void Schema_InvalidJson_ShowsTheErrorInsteadOfFields()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel(NewNode("AiPlus.HumanTask"));

        cut.Find("#input-schema").Change("{\"type\":\"object\",\"properties\":{");

        Assert.StartsWith("不是有效的 JSON", cut.Find("[data-input=schema] .input-error").TextContent.Trim());
        Assert.Empty(cut.FindAll(".schema-fields"));
        cut.Find("#input-schema").Change("""{"type":"object","properties":{"done":{"type":"boolean","title":"完成"}}}""");
        Assert.Equal("完成 (done) · 是/否", cut.Find("[data-input=schema] .schema-fields li").TextContent.Trim());
    }

    [Fact]
    public void Literal_NotReadableAsItsType_ShowsTheEnginesReason()
    {
        TestCulture.Use("en");
        var node = NewNode("AiPlus.HumanTask")
            .WithInput("escalation", Expression.Literal, "{\"steps\": [", "Object")
            .WithInput("description", Expression.Literal, "maybe", "Boolean");

        var cut = Panel(node);

        Assert.StartsWith("Not valid JSON:", cut.Find("[data-input=escalation] .input-error").TextContent.Trim());
        Assert.Equal("Invalid value: 'maybe' is not a valid Boolean", cut.Find("[data-input=description] .input-error").TextContent.Trim());
    }

    [Fact]
    public void Literal_Emptied_RemovesTheInput()
    {
        var cut = Panel(NewNode(ActivityTypes.FlowJoin));

        cut.Find("#input-mode").Change("");

        Assert.Null(_changed?.GetProperty("mode"));
    }

    [Fact]
    public void Render_UnknownType_OffersOnlyTheName()
    {
        var node = new DesignerNode(new ActivityNode { Id = "x1", Type = "Acme.Unknown" }, default, []);

        var cut = Panel(node);

        Assert.NotNull(cut.Find(".unknown-type"));
        Assert.NotNull(cut.Find("#node-name"));
        Assert.Empty(cut.FindAll(".designer-input[data-input]"));
    }

    [Theory]
    [MemberData(nameof(RepositoryPaths.WorkflowFileNames), MemberType = typeof(RepositoryPaths))]
    public void Render_EveryActivityOfAWorkflowFile_AnEditorPerInputAndNoProblem(string file)
    {
        foreach (var node in DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow(file)).Nodes)
        {
            var cut = Panel(node);

            var descriptor = DesignerServices.Catalog.Find(node.Type)!;
            Assert.Equal(descriptor.Inputs.Select(i => i.Name), cut.FindAll(".designer-input[data-input]").Select(e => e.GetAttribute("data-input")));
            Assert.True(cut.FindAll(".input-error").Count == 0, node.Id + ": " + string.Join(" / ", cut.FindAll(".input-error").Select(e => e.TextContent)));
        }
    }

    [Fact]
    public void Reviewers_RowsAddedAndFilled_WriteTheJsonArrayTheReviewReads()
    {
        TestCulture.Use("zh-CN");
        var cut = Panel(NewNode("AiPlus.Review"));
        Assert.Empty(cut.FindAll(".reviewer-row"));

        cut.Find("#reviewer-add").Click();
        AssertInput("reviewers", """{"typeName":"Object","expression":{"type":"Object","value":"[{\"agency\":\"\",\"role\":\"lead\"}]"}}""");
        cut.Find("#reviewer-agency-0").Change("miit");
        cut.Find("#reviewer-add").Click();
        cut.Find("#reviewer-agency-1").Change("most");
        cut.Find("#reviewer-role-1").Change("");
        cut.Find("#reviewer-user-1").Change("most.staff");

        AssertInput("reviewers", """{"typeName":"Object","expression":{"type":"Object","value":"[{\"agency\":\"miit\",\"role\":\"lead\"},{\"agency\":\"most\",\"user\":\"most.staff\"}]"}}""");
        Assert.Equal("工业和信息化部", cut.Find("#reviewer-agency-0 option[selected]").TextContent.Trim());
        Assert.Equal(["负责人", "工作人员", "任何人"], cut.FindAll("#reviewer-role-0 option").Select(o => o.TextContent.Trim()));
        Assert.Equal("任何人", cut.Find("#reviewer-role-1 option[selected]").TextContent.Trim());
        Assert.Equal("第 2 位审核人的单位", cut.Find("#reviewer-agency-1").GetAttribute("aria-label"));
    }

    [Fact]
    public void Reviewers_RowRemoved_WritesTheRest_AndTheLastRemovesTheInput()
    {
        var node = NewNode("AiPlus.Review").WithInput("reviewers", Expression.Object, """[{"agency":"miit","role":"lead"},{"agency":"most","role":"lead"}]""", "Object");
        var cut = Panel(node);
        Assert.Equal(2, cut.FindAll(".reviewer-row").Count);

        cut.Find("#reviewer-remove-0").Click();
        AssertInput("reviewers", """{"typeName":"Object","expression":{"type":"Object","value":"[{\"agency\":\"most\",\"role\":\"lead\"}]"}}""");
        cut.Find("#reviewer-remove-0").Click();

        Assert.Null(_changed!.GetProperty("reviewers"));
    }

    [Fact]
    public void Reviewers_AScript_StaysInTheCodeBox()
    {
        var cut = Panel(FromFile("province-task.json", n => n.Type == "AiPlus.Review"));

        Assert.Equal("textarea", cut.Find("#input-reviewers").TagName.ToLowerInvariant());
        Assert.Empty(cut.FindAll(".reviewer-row"));
    }

    [Theory]
    [InlineData(null, true, true)]
    [InlineData("all", true, true)]
    [InlineData("any", true, true)]
    [InlineData("atLeast", false, true)]
    [InlineData("share", true, false)]
    public void Review_CountAndShare_ShownOnlyForTheirMode(string? mode, bool countHidden, bool shareHidden)
    {
        var node = NewNode("AiPlus.Review");
        node = mode is null ? node.WithProperty("mode", null) : node.WithInput("mode", Expression.Literal, mode, "String");

        var cut = Panel(node);

        Assert.Equal(countHidden, cut.Find("[data-input=count]").HasAttribute("hidden"));
        Assert.Equal(shareHidden, cut.Find("[data-input=share]").HasAttribute("hidden"));
    }

    [Theory]
    [InlineData("zh-CN", "会签方式", "会签：全部同意方可通过", "或签：一人同意即可", "同意比例", "审核人")]
    [InlineData("en", "Rule", "All must approve", "Any one approval suffices", "Share approving", "Reviewers")]
    public void Review_InputsAreLabelledInWords_WithHelp(string culture, string mode, string all, string any, string share, string reviewers)
    {
        TestCulture.Use(culture);

        var cut = Panel(NewNode("AiPlus.Review"));

        Assert.Equal(mode, cut.Find("label[for=input-mode]").TextContent.Trim());
        Assert.Equal(share, cut.Find("label[for=input-share]").TextContent.Trim());
        Assert.Equal(reviewers + " *", cut.Find("label[for=input-reviewers]").TextContent.Trim());
        var choices = cut.FindAll("#input-mode option").ToDictionary(o => o.GetAttribute("value")!, o => o.TextContent.Trim());
        Assert.Equal((all, any), (choices["all"], choices["any"]));
        var descriptor = DesignerServices.Catalog.Find("AiPlus.Review")!;
        Assert.All(descriptor.Inputs, i => Assert.NotEmpty(cut.Find($"[data-input={i.Name}] .input-help").TextContent.Trim()));
    }
}
