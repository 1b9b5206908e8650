using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Execution;

/// <summary>Workflow definitions marked <c>options.usableAsActivity</c>, used by type in other workflows as Elsa 3 does.</summary>
public sealed class DefinitionActivityTests : EngineTest
{
    [Theory]
    [InlineData(21, 42, "approved")]
    [InlineData(150, 300, "rejected")]
    public async Task Parent_UsesChildByType_PassesInputGetsOutputInVariableAndFollowsOutcome(int amount, int total, string line)
    {
        // Arrange: the child doubles Amount into its output Total and completes on Approved or Rejected.
        await Engine.PublishAsync(Child(
            "review",
            "Review",
            [
                A("double", "Elsa.SetOutput", ("outputName", Lit("Total")), ("outputValue", Js("getInput('Amount') * 2", "Int32"))),
                Decision("small", "getInput('Amount') < 100"),
                A("approve", "Elsa.Complete", ("outcomes", Lit("Approved"))),
                A("reject", "Elsa.Complete", ("outcomes", Lit("Rejected"))),
            ],
            ["double->small", "small:True->approve", "small:False->reject"]));
        var parent = JsonNode.Parse(Definition(
            "orders",
            [
                A("review1", "Review", ("amount", Lit(amount, "Int32")), ("total", Bind("v-total", "Int32"))),
                WriteLine("yes", "approved"),
                WriteLine("no", "rejected"),
            ],
            ["review1:Approved->yes", "review1:Rejected->no"],
            ("Total", "Int32", "0")))!.AsObject();
        parent["variables"]![0]!["id"] = "v-total";
        await Engine.PublishAsync(parent.ToJsonString());

        // Act
        // A child runs through the work queue: the parent may settle after the start returns.
        var started = await Engine.Runtime.StartAsync(new StartWorkflowRequest("orders"));
        var instance = await Engine.WaitForStatusAsync(started.Id, WorkflowStatus.Finished);

        // Assert: one call runs the child and the rest of the parent.
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(total, instance.Variables["Total"]!.GetValue<int>());
        Assert.Equal([line], await Engine.LinesAsync(instance.Id));
        var child = Assert.Single((await Engine.Runtime.ListAsync(new InstanceQuery("review", null, null, 1, 10))).Items);
        Assert.Equal(instance.Id, child.ParentInstanceId);
        Assert.Equal(WorkflowStatus.Finished, child.Status);
    }

    [Fact]
    public async Task Child_EndingWithoutComplete_ParentFollowsDone()
    {
        await Engine.PublishAsync(Child("plain-child", "Plain child", [WriteLine("hi", "child")], []));
        await Engine.PublishAsync(Definition("plain-parent", [A("c", "PlainChild"), WriteLine("after", "after")], ["c->after"]));

        // A child runs through the work queue: the parent may settle after the start returns.
        var started = await Engine.Runtime.StartAsync(new StartWorkflowRequest("plain-parent"));
        var instance = await Engine.WaitForStatusAsync(started.Id, WorkflowStatus.Finished);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["after"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task VersionChoice_PublishedGivenLatestAndElsaPin_RunTheirVersions()
    {
        // Arrange: versions 1 and 2 published in turn, version 3 a draft; each sets its own marker.
        var ids = new List<string>();
        foreach (var marker in new[] { "one", "two" })
        {
            var version = await Engine.Definitions.ImportAsync(Marker(marker), "test");
            await Engine.Definitions.PublishAsync("versioned");
            ids.Add(version.Id);
        }

        await Engine.Definitions.ImportAsync(Marker("three"), "test");
        await Engine.PublishAsync(Definition(
            "chooser",
            [
                A("published", "Versioned", ("versionOptions", Lit("Published")), ("marker", Bind("Published"))),
                A("given", "Versioned", ("versionOptions", Lit("1")), ("marker", Bind("Given"))),
                A("latest", "Versioned", ("versionOptions", Lit("Latest")), ("marker", Bind("Latest"))),
                WithPin(A("pinned", "Versioned", ("marker", Bind("Pinned"))), ids[0], 1),
                A("unset", "Versioned", ("marker", Bind("Unset"))),
            ],
            ["published->given", "given->latest", "latest->pinned", "pinned->unset"],
            ("Published", "String", null), ("Given", "String", null), ("Latest", "String", null), ("Pinned", "String", null), ("Unset", "String", null)));

        // Act
        // A child runs through the work queue: the parent may settle after the start returns.
        var started = await Engine.Runtime.StartAsync(new StartWorkflowRequest("chooser"));
        var instance = await Engine.WaitForStatusAsync(started.Id, WorkflowStatus.Finished);

        // Assert: Published follows the publication, a number and Elsa's workflowDefinitionVersionId pin their version,
        // Latest runs the draft; without a choice or pin the published version runs.
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("two", instance.Variables["Published"]!.GetValue<string>());
        Assert.Equal("one", instance.Variables["Given"]!.GetValue<string>());
        Assert.Equal("three", instance.Variables["Latest"]!.GetValue<string>());
        Assert.Equal("one", instance.Variables["Pinned"]!.GetValue<string>());
        Assert.Equal("two", instance.Variables["Unset"]!.GetValue<string>());
    }

    [Fact]
    public async Task VersionChoice_PinnedVersionIdUnknownHere_FallsBackToTheVersionNumberAsElsaDoes()
    {
        await Engine.PublishAsync(Marker("one"));
        await Engine.PublishAsync(Marker("two"));
        await Engine.PublishAsync(Definition(
            "imported",
            [WithPin(A("pinned", "Versioned", ("marker", Bind("Marker"))), "id-from-another-server", 1)],
            [],
            ("Marker", "String", null)));

        // A child runs through the work queue: the parent may settle after the start returns.
        var started = await Engine.Runtime.StartAsync(new StartWorkflowRequest("imported"));
        var instance = await Engine.WaitForStatusAsync(started.Id, WorkflowStatus.Finished);

        Assert.Equal("one", instance.Variables["Marker"]!.GetValue<string>());
    }

    [Fact]
    public async Task VersionChoice_ADraftWithProblems_FaultsTheParentWithTheReason()
    {
        await Engine.PublishAsync(Marker("one"));
        var broken = JsonNode.Parse(Marker("broken"))!.AsObject();
        broken["root"]!["activities"]!.AsArray().Add(A("mystery", "No.Such.Type"));
        await Engine.Definitions.ImportAsync(broken.ToJsonString(), "test");
        await Engine.PublishAsync(Definition("latest-parent", [A("c", "Versioned", ("versionOptions", Lit("Latest")))], []));

        // A child runs through the work queue: the parent may settle after the start returns.
        var started = await Engine.Runtime.StartAsync(new StartWorkflowRequest("latest-parent"));
        var instance = await Engine.WaitForStatusAsync(started.Id, WorkflowStatus.Faulted);

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        var incident = Assert.Single(instance.Incidents);
        Assert.Contains("version 2 of 'versioned' is a draft with problems", incident.Message, StringComparison.Ordinal);
        Assert.Contains("unknown activity type 'No.Such.Type'", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionChoice_PublishedWhenTheChildIsOnlyADraft_FaultsTheParentSayingSo()
    {
        await Engine.Definitions.ImportAsync(Marker("draft"), "test");
        await Engine.PublishAsync(Definition("eager-parent", [A("c", "Versioned", ("versionOptions", Lit("Published")))], []));

        // A child runs through the work queue: the parent may settle after the start returns.
        var started = await Engine.Runtime.StartAsync(new StartWorkflowRequest("eager-parent"));
        var instance = await Engine.WaitForStatusAsync(started.Id, WorkflowStatus.Faulted);

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.EndsWith("ended Faulted: workflow definition 'versioned' has no published version", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_UnknownTypeOrDefinitionNotUsableAsActivity_IsAClearValidationError()
    {
        await Engine.PublishAsync(Definition("not-an-activity", [WriteLine("w", "x")], []));
        await Engine.Definitions.ImportAsync(Definition("user", [A("a", "Nobody"), A("b", "not-an-activity")], ["a->b"]), "test");

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => Engine.Definitions.PublishAsync("user"));

        Assert.Equal(
            ["a: unknown activity type 'Nobody'", "b: unknown activity type 'not-an-activity'"],
            error.Problems.Select(p => $"{p.ActivityId}: {p.Message}"));
    }

    [Fact]
    public async Task Validate_AVersionThatDoesNotExistOrAnUnknownPort_IsReported()
    {
        await Engine.PublishAsync(Marker("one"));
        await Engine.Definitions.ImportAsync(
            Definition("bad-choice", [A("c", "Versioned", ("versionOptions", Lit("7"))), WriteLine("w", "x")], ["c:Approved->w"]),
            "test");

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => Engine.Definitions.PublishAsync("bad-choice"));

        Assert.Contains(error.Problems, p => p.ActivityId == "c" && p.Field == "versionOptions" && p.Message.Contains("'7' is not one of", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.ActivityId == "c" && p.Message.Contains("has no outcome port 'Approved'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_ChildPublishedByAnotherNode_IsFoundWhenTheParentNamesItsType()
    {
        // Another node on the same database publishes the child after this node has loaded its activity types.
        await using (var other = await EngineHost.StartAsync(Engine.DatabaseFile))
        {
            await other.PublishAsync(Marker("from-the-other-node"));
        }

        await Engine.PublishAsync(Definition("uses-versioned", [A("c", "Versioned", ("marker", Bind("Got")))], [], ("Got", "String", null)));

        // A child runs through the work queue: the parent may settle after the start returns.
        var started = await Engine.Runtime.StartAsync(new StartWorkflowRequest("uses-versioned"));
        var instance = await Engine.WaitForStatusAsync(started.Id, WorkflowStatus.Finished);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("from-the-other-node", instance.Variables["Got"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_DraftSavedAgainWithoutTheFlag_IsNoLongerAnActivityType()
    {
        await Engine.Definitions.ImportAsync(Marker("draft"), "test");
        var unflagged = JsonNode.Parse(Marker("draft"))!.AsObject();
        unflagged.Remove("options");

        await Engine.Definitions.ImportAsync(unflagged.ToJsonString(), "test");
        await Engine.Definitions.ImportAsync(Definition("uses-versioned", [A("c", "Versioned")], []), "test");

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => Engine.Definitions.PublishAsync("uses-versioned"));
        Assert.Equal(["c: unknown activity type 'Versioned'"], error.Problems.Select(p => $"{p.ActivityId}: {p.Message}"));
    }

    /// <summary>A definition usable as an activity, with input Amount, output Total and outcomes Approved and Rejected.</summary>
    private static string Child(string definitionId, string name, JsonObject[] activities, string[] connections)
    {
        var definition = JsonNode.Parse(Definition(definitionId, activities, connections))!.AsObject();
        definition["name"] = name;
        definition["inputs"] = new JsonArray(new JsonObject { ["type"] = "Int32", ["name"] = "Amount", ["displayName"] = "Amount" });
        definition["outputs"] = new JsonArray(new JsonObject { ["type"] = "Int32", ["name"] = "Total", ["displayName"] = "Total" });
        definition["outcomes"] = new JsonArray("Approved", "Rejected");
        definition["options"] = new JsonObject { ["usableAsActivity"] = true, ["autoUpdateConsumingWorkflows"] = false };
        return definition.ToJsonString();
    }

    /// <summary>A version of "versioned" (type <c>Versioned</c>) whose output Marker is <paramref name="marker"/>.</summary>
    private static string Marker(string marker)
    {
        var definition = JsonNode.Parse(Definition(
            "versioned",
            [A("mark", "Elsa.SetOutput", ("outputName", Lit("Marker")), ("outputValue", Lit(marker)))],
            []))!.AsObject();
        definition["name"] = "versioned";
        definition["outputs"] = new JsonArray(new JsonObject { ["type"] = "String", ["name"] = "Marker" });
        definition["options"] = new JsonObject { ["usableAsActivity"] = true };
        return definition.ToJsonString();
    }

    /// <summary>The reference Elsa Studio writes: a pinned version id and number.</summary>
    private static JsonObject WithPin(JsonObject activity, string versionId, int version)
    {
        activity["version"] = version;
        activity["workflowDefinitionId"] = "versioned";
        activity["workflowDefinitionVersionId"] = versionId;
        activity["latestAvailablePublishedVersion"] = version;
        activity["latestAvailablePublishedVersionId"] = versionId;
        return activity;
    }
}
