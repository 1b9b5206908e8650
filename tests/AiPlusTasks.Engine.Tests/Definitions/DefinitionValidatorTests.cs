using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Definitions;

public sealed class DefinitionValidatorTests : EngineTest
{
    private DefinitionValidator Validator => Engine.Services.GetRequiredService<DefinitionValidator>();

    [Fact]
    public void Validate_JoinModes_AcceptsElsasNamesAndNamesAnUnknownOne()
    {
        var merge = WriteLine("merge", "merged");
        merge["customProperties"] = new System.Text.Json.Nodes.JsonObject { ["mergeMode"] = "Eventually" };
        var converge = WriteLine("converge", "converged");
        converge["customProperties"] = new System.Text.Json.Nodes.JsonObject { ["mergeMode"] = "Converge" };
        var json = Definition(
            "join-modes",
            [A("start", "Elsa.Start"), A("active", "Elsa.FlowJoin", ("mode", Lit("WaitAllActive"))), A("odd", "Elsa.FlowJoin", ("mode", Lit("WaitSome"))), merge, converge],
            ["start->active", "active->odd", "odd->merge", "merge->converge"]);

        var problems = Validator.Validate(WorkflowDefinitionJson.Read(json));

        Assert.Contains(problems, p => p.ActivityId == "merge" && p.Field == "customProperties.mergeMode" && p.Message.Contains("'Eventually'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ActivityId == "odd" && p.Field == "mode" && p.Message.Contains("WaitAllActive", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.ActivityId is "active" or "converge");
    }

    [Fact]
    public void Validate_DefinitionWithManyProblems_ReportsEveryOneWithActivityAndField()
    {
        var json = Definition(
            "broken",
            [
                A("start", "Elsa.Start"),
                A("nope", "Elsa.Nope"),
                WriteLine("dup", "a"),
                WriteLine("dup", "b"),
                A("noSpan", "Elsa.Delay"),
                Delay("badSpan", "soon"),
                A("badCron", "Elsa.Cron", ("cronExpression", Lit("every monday"))),
                Decision("badJs", "getInput('x') >"),
                A("badVar", "Elsa.WriteLine", ("text", Var("Missing"))),
                WriteLine("island", "never reached"),
            ],
            ["start->nope", "nope->dup", "dup:Nope->noSpan", "start->badSpan", "start->badCron", "start->badJs", "badJs:True->badVar", "start->ghost"]);

        var problems = Validator.Validate(WorkflowDefinitionJson.Read(json));

        Assert.Contains(problems, p => p.ActivityId == "nope" && p.Field == "type" && p.Message.Contains("Elsa.Nope", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ActivityId == "dup" && p.Field == "id");
        Assert.Contains(problems, p => p.ActivityId == "dup" && p.Field == "connections[2].source.port" && p.Message.Contains("'Nope'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ActivityId == "root" && p.Field == "connections[7].target.activity" && p.Message.Contains("ghost", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ActivityId == "noSpan" && p.Field == "timeSpan" && p.Message.Contains("missing required input", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ActivityId == "badSpan" && p.Field == "timeSpan" && p.Message.Contains("not a duration", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ActivityId == "badCron" && p.Field == "cronExpression");
        Assert.Contains(problems, p => p.ActivityId == "badJs" && p.Field == "condition" && p.Message.Contains("invalid JavaScript", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ActivityId == "badVar" && p.Field == "text" && p.Message.Contains("Missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ActivityId == "island" && p.Field == "connections" && p.Message.Contains("unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Problems_CarryTheirCodeAndArgumentsBesideTheEnglishMessage()
    {
        var json = Definition(
            "coded",
            [
                A("start", "Elsa.Start"),
                A("nope", "Elsa.Nope"),
                A("noSpan", "Elsa.Delay"),
                Delay("badSpan", "soon"),
                A("badCron", "Elsa.Cron", ("cronExpression", Lit("every monday"))),
                A("badVar", "Elsa.WriteLine", ("text", Var("Missing"))),
                WriteLine("island", "never reached"),
            ],
            ["start->nope", "start:Nope->noSpan", "start->badSpan", "start->badCron", "start->badVar", "start->ghost"]);

        var problems = Validator.Validate(WorkflowDefinitionJson.Read(json));

        (string?, string, string, string[])[] expected =
        [
            ("nope", "type", ValidationProblemCodes.UnknownActivityType, ["Elsa.Nope"]),
            ("start", "connections[1].source.port", ValidationProblemCodes.UnknownOutcome, ["Nope", "Done"]),
            ("root", "connections[5].target.activity", ValidationProblemCodes.ConnectionToMissingActivity, ["ghost"]),
            ("noSpan", "timeSpan", ValidationProblemCodes.RequiredInputMissing, ["timeSpan"]),
            ("badSpan", "timeSpan", ValidationProblemCodes.NotADuration, ["soon"]),
            ("badCron", "cronExpression", ValidationProblemCodes.NotASchedule, ["every monday"]),
            ("badVar", "text", ValidationProblemCodes.VariableNotDeclared, ["Missing"]),
            ("island", "connections", ValidationProblemCodes.Unreachable, ["island", "start"]),
        ];
        foreach (var (activity, field, code, arguments) in expected)
        {
            var problem = Assert.Single(problems, p => p.ActivityId == activity && p.Field == field);
            Assert.Equal(code, problem.Code);
            Assert.Equal(arguments, problem.Arguments);
        }

        Assert.All(problems, p => Assert.Contains(p.Code, ValidationProblemCodes.All));
    }

    [Fact]
    public void Validate_FlowchartWhereEveryActivityHasAnInbound_ReportsNoStart()
    {
        var json = Definition("circle", [WriteLine("a", "a"), WriteLine("b", "b")], ["a->b", "b->a"]);

        var problems = Validator.Validate(WorkflowDefinitionJson.Read(json));

        Assert.Contains(problems, p => p.ActivityId == "root" && p.Message.StartsWith("no start", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EmptyFlowchart_IsNoProblem()
    {
        // As in Elsa 3: a flowchart without activities has no start and completes at once (ElsaFormatExecutionTests runs one).
        var problems = Validator.Validate(WorkflowDefinitionJson.Read(Definition("empty", [], [])));

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Import_InvalidDefinition_IsStoredAsADraftThatPublishRefusesWithItsProblems()
    {
        var json = Definition("unfinished", [A("x", "Elsa.Nope")], []);

        var draft = await Engine.Definitions.ImportAsync(json);
        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => Engine.Definitions.PublishAsync("unfinished"));

        Assert.False(draft.IsPublished);
        var problem = Assert.Single(error.Problems);
        Assert.Contains("Elsa.Nope", problem.Message, StringComparison.Ordinal);
        var stored = await Engine.Definitions.GetAsync("unfinished");
        Assert.Equal((1, false), (stored.Version, stored.IsPublished));
        Assert.Equal("Elsa.Nope", Assert.Single(stored.Root.Activities).Type);
    }

    [Fact]
    public async Task Import_MalformedJson_IsRefusedAndNothingIsStored()
    {
        var json = Definition("malformed", [WriteLine("w", "one")], []).Replace("\"root\"", "root", StringComparison.Ordinal);

        await Assert.ThrowsAsync<DefinitionFormatException>(() => Engine.Definitions.ImportAsync(json));

        await Assert.ThrowsAsync<NotFoundException>(() => Engine.Definitions.GetAsync("malformed"));
    }

    [Fact]
    public async Task ImportAndPublishIfChanged_InvalidDefinition_IsRefusedAndNothingIsStored()
    {
        var json = Definition("seeded-broken", [A("x", "Elsa.Nope")], []);

        await Assert.ThrowsAsync<DefinitionValidationException>(() => Engine.Definitions.ImportAndPublishIfChangedAsync(json, "seeded-broken.json"));

        await Assert.ThrowsAsync<NotFoundException>(() => Engine.Definitions.GetAsync("seeded-broken"));
    }

    [Fact]
    public async Task Import_AfterPublish_CreatesNextVersionAsDraft()
    {
        var first = Definition("versioned", [WriteLine("w", "one")], []);
        await Engine.PublishAsync(first);

        var second = await Engine.Definitions.ImportAsync(Definition("versioned", [WriteLine("w", "two")], []));
        var again = await Engine.Definitions.ImportAsync(Definition("versioned", [WriteLine("w", "three")], []));

        Assert.Equal(2, second.Version);
        Assert.Equal(2, again.Version);
        Assert.Equal(second.Id, again.Id);
        Assert.True((await Engine.Definitions.GetAsync("versioned", 1)).IsPublished);
        Assert.False((await Engine.Definitions.GetAsync("versioned")).IsPublished);
        var list = await Engine.Definitions.ListAsync(1, 10);
        var summary = Assert.Single(list.Items, d => d.DefinitionId == "versioned");
        Assert.Equal((2, 1, 2), (summary.LatestVersion, summary.PublishedVersion, summary.VersionCount));
    }

    [Fact]
    public async Task ListVersions_PublishedThenDraft_ListsBothOldestFirstWithFlags()
    {
        await Engine.PublishAsync(Definition("listed", [WriteLine("w", "one")], []));
        await Engine.Definitions.ImportAsync(Definition("listed", [WriteLine("w", "two")], []));

        var versions = await Engine.Definitions.ListVersionsAsync("listed");

        Assert.Equal([(1, true, false), (2, false, true)], versions.Select(v => (v.Version, v.IsPublished, v.IsLatest)));
        await Assert.ThrowsAsync<NotFoundException>(() => Engine.Definitions.ListVersionsAsync("missing"));
    }
}
