using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Execution;

/// <summary>
/// The JavaScript Elsa 3 generates per workflow — <c>getX()</c>/<c>setX(v)</c> per variable, <c>getX()</c> per workflow
/// input, <c>getXFromY()</c> per activity output — and the common functions it documents, run through the engine.
/// </summary>
public sealed class JavaScriptAccessorTests : EngineTest
{
    [Fact]
    public async Task GetterAndSetter_InDecisionLoop_WritesAlphaAgainAgainOmega()
    {
        // Arrange: alpha → Tries+1 → Tries < 3 ? again → Tries+1 → … : omega
        await Engine.PublishAsync(Definition(
            "tries",
            [
                WriteLine("alpha", "alpha"),
                A("increment", "Elsa.RunJavaScript", ("script", Js("setTries(getTries() + 1)", "String"))),
                Decision("more", "getTries() < 3"),
                WriteLine("again", "again"),
                WriteLine("omega", "omega"),
            ],
            ["alpha->increment", "increment->more", "more:True->again", "again->increment", "more:False->omega"],
            ("Tries", "Int32", "0")));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("tries"));

        // Assert
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["alpha", "again", "again", "omega"], await Engine.LinesAsync(instance.Id));
        Assert.Equal(3, instance.Variables["Tries"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("Tries", "getTries", "setTries")]
    [InlineData("tries", "getTries", "setTries")]
    [InlineData("my_var", "getMyVar", "setMyVar")]
    [InlineData("_hidden", "getHidden", "setHidden")]
    [InlineData("a_1", "getA_1", "setA_1")]
    [InlineData("$cash", "get$cash", "set$cash")]
    [InlineData("1234", "get1234", "set1234")]
    [InlineData("进度", "get进度", "set进度")]
    public async Task VariableAccessors_NamedAsElsaPascalizesTheVariable_ReadAndWriteIt(string variable, string getter, string setter)
    {
        // Arrange
        await Engine.PublishAsync(Definition(
            "names",
            [WriteLineJs("say", $"{setter}({getter}() + '!'); {getter}() + '|' + getVariable('{variable}') + '|' + variables['{variable}']")],
            [],
            (variable, "String", "hi")));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("names"));

        // Assert
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["hi!|hi!|hi!"], await Engine.LinesAsync(instance.Id));
        Assert.Equal("hi!", instance.Variables[variable]!.GetValue<string>());
    }

    [Fact]
    public async Task VariableNamedWithSpaceOrDash_HasNoAccessor_GetVariableStillReadsIt()
    {
        // Arrange: Elsa generates accessors only for names of letters, digits, _ and $.
        await Engine.PublishAsync(Definition(
            "spaces",
            [WriteLineJs("say", "[typeof getMyVar, typeof getMyvar, typeof getMy_var, getVariable('my var'), getVariable('my-var')].join(',')")],
            [],
            ("my var", "String", "a"),
            ("my-var", "String", "b")));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("spaces"));

        // Assert
        Assert.Equal(["undefined,undefined,undefined,a,b"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Setter_KeepsVariablesObjectInStep()
    {
        // Arrange
        await Engine.PublishAsync(Definition(
            "sync",
            [WriteLineJs("say", "var before = variables.Tries; setTries({ n: 5 }); before + ',' + variables.Tries.n + ',' + getTries().n")],
            [],
            ("Tries", "Int32", "1")));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("sync"));

        // Assert
        Assert.Equal(["1,5,5"], await Engine.LinesAsync(instance.Id));
        Assert.Equal(5, instance.Variables["Tries"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task CurrentValueAndIndex_InParallelForEachBody_ReadTheItemAndShadowTheWorkflowVariable()
    {
        // Arrange
        var forEach = A("forEach", "Elsa.ParallelForEach", ("items", Obj("[\"beijing\",\"guangdong\"]")));
        forEach["body"] = WriteLineJs("each", "getCurrentIndex() + ':' + getCurrentValue()");
        await Engine.PublishAsync(Definition(
            "current",
            [forEach, WriteLineJs("after", "getCurrentValue()")],
            ["forEach->after"],
            ("CurrentValue", "String", "outer")));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("current"));

        // Assert
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["0:beijing", "1:guangdong", "outer"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task InputAccessors_ReadDeclaredInputsByTheirDeclaredName()
    {
        // Arrange: Elsa does not pascalize input accessors (getorderId), and matches an input sent as "amount" to a declared "Amount".
        await Engine.PublishAsync(WithInputs(
            Definition("inputs", [WriteLineJs("say", "[getorderId(), getAmount(), getMissing(), typeof getundeclared, typeof getOrderId].join(',')")], []),
            "orderId",
            "Amount",
            "Missing"));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("inputs", new JsonObject { ["orderId"] = "A-1", ["amount"] = 3, ["undeclared"] = 1 }));

        // Assert
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["A-1,3,,undefined,undefined"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task InputAccessor_SameNameAsVariable_HidesTheVariableGetterAsInElsa()
    {
        // Arrange
        await Engine.PublishAsync(WithInputs(
            Definition("clash", [WriteLineJs("say", "setRegion('x'); getRegion() + ',' + getVariable('Region')")], [], ("Region", "String", "var")),
            "Region"));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("clash", new JsonObject { ["Region"] = "in" }));

        // Assert
        Assert.Equal(["in,x"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task OutputAccessors_ByActivityNameAndId_ReadTheResult()
    {
        // Arrange
        await Engine.PublishAsync(Definition(
            "outputs",
            [
                Named(A("compute1", "Elsa.RunJavaScript", ("script", Js("6 * 7", "String"))), "Compute total"),
                WriteLineJs(
                    "say",
                    "[getResultFromComputeTotal(), getResultFromCompute1(), getOutputFrom('Compute total', 'Result'), getOutputFrom('compute1', 'Nope'), getOutputFrom('compute1'), typeof getResultFromSay].join(',')"),
            ],
            ["compute1->say"]));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("outputs"));

        // Assert: a WriteLine declares no output, so it gets no accessor.
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["42,42,42,,42,undefined"], await Engine.LinesAsync(instance.Id));
    }

    [Theory]
    [InlineData(null, "by-id")]
    [InlineData("2.0.0", "by-id")]
    [InlineData("3.3.0", "by-name")]
    public async Task OutputAccessor_IdOfOneActivityNameOfAnother_ElsaToolVersionDecides(string? toolVersion, string expected)
    {
        // Arrange: Elsa names activities by name when Elsa Studio 3 made the definition, by id before.
        var json = JsonNode.Parse(Definition(
            "tooling",
            [
                A("report", "Elsa.RunJavaScript", ("script", Js("'by-id'", "String"))),
                Named(A("other", "Elsa.RunJavaScript", ("script", Js("'by-name'", "String"))), "Report"),
                WriteLineJs("say", "getResultFromReport()"),
            ],
            ["report->other", "other->say"]))!.AsObject();
        json["toolVersion"] = toolVersion;
        await Engine.PublishAsync(json.ToJsonString());

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("tooling"));

        // Assert
        Assert.Equal([expected], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task OutputAccessors_InNestedFlowchart_InnerActivityHidesOuterOfSameName()
    {
        // Arrange: the body's own "Step" hides the outer one; the outer "Total" is still reachable from the body.
        var body = Flowchart(
            "body",
            [
                Named(A("innerStep", "Elsa.RunJavaScript", ("script", Js("'inner-' + getCurrentValue()", "String"))), "Step"),
                WriteLineJs("say", "getResultFromStep() + '/' + getResultFromTotal()"),
            ],
            "innerStep->say");
        var forEach = A("forEach", "Elsa.ParallelForEach", ("items", Obj("[\"a\"]")));
        forEach["body"] = body;
        await Engine.PublishAsync(Definition(
            "nested",
            [
                Named(A("outerStep", "Elsa.RunJavaScript", ("script", Js("'outer'", "String"))), "Step"),
                Named(A("total", "Elsa.RunJavaScript", ("script", Js("'total'", "String"))), "Total"),
                forEach,
                WriteLineJs("after", "getResultFromStep()"),
            ],
            ["outerStep->total", "total->forEach", "forEach->after"]));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("nested"));

        // Assert
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["inner-a/total", "outer"], await Engine.LinesAsync(instance.Id));
    }

    [Theory]
    [InlineData("getNope()", "getNope is not defined")]
    [InlineData("setNope(1)", "setNope is not defined")]
    [InlineData("getResultFromNowhere()", "getResultFromNowhere is not defined")]
    [InlineData("getTries()", "getTries is not defined")]
    public async Task UnknownAccessor_FaultsWithClearIncident(string script, string expected)
    {
        // Arrange: the definition has no variable, input or activity these names could belong to.
        await Engine.PublishAsync(Definition("unknown", [WriteLineJs("say", script)], []));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("unknown"));

        // Assert
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("say", incident.ActivityId);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("globalThis['get' + 'Tries']()", "7")]
    [InlineData("(this['set' + 'Tries'](8), this['get' + 'Tries']())", "8")]
    [InlineData("eval('get' + 'Tries')()", "7")]
    [InlineData("Function('return get' + 'Tries()')()", "7")]
    public async Task Accessor_ReachedWithoutItsName_IsBoundAsWell(string script, string expected)
    {
        // Arrange: a script that builds a name at run time gets every accessor.
        await Engine.PublishAsync(Definition("dynamic", [WriteLineJs("say", "String(" + script + ")")], [], ("Tries", "Int32", "7")));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("dynamic"));

        // Assert
        Assert.Equal([expected], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task CommonFunctions_AsElsaDocumentsThem_ReturnItsValues()
    {
        // Arrange: one WriteLine per check, run in order; {instance} and {version} stand for ids known only later.
        (string Script, string Expected)[] checks =
        [
            ("isNullOrWhiteSpace(' \\t') + ',' + isNullOrWhiteSpace(null) + ',' + isNullOrWhiteSpace('a')", "true,true,false"),
            ("isNullOrEmpty('') + ',' + isNullOrEmpty(undefined) + ',' + isNullOrEmpty(' ')", "true,true,false"),
            ("toJson({ a: '<b>', n: 1.5, s: '中文', l: [1, null] })", """{"a":"\u003Cb\u003E","n":1.5,"s":"中文","l":[1,null]}"""),
            ("toJson('x') + toJson(null)", "\"x\"null"),
            ("parseGuid('{3F2504E0-4F89-11D3-9A0C-0305E82C3301}')", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            ("var g = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/; [g.test(newGuid()), g.test(newGuidString()), g.test(getGuidString()), newGuid() != newGuid()].join(',')", "true,true,true,true"),
            ("var s = /^[A-Za-z0-9]{16,22}$/; s.test(newShortGuid()) + ',' + s.test(getShortGuid()) + ',' + (newShortGuid() != newShortGuid())", "true,true,true"),
            ("stringToBase64('你好') + ',' + stringFromBase64('5L2g5aW9')", "5L2g5aW9,你好"),
            ("[bytesToString(bytesFromString('abc')), bytesToBase64(bytesFromString('abc')), bytesToString(bytesFromBase64('YWJj')), bytesFromString('é').byteLength].join(',')", "abc,YWJj,abc,2"),
            ("bytesToString(new Uint8Array([104, 105])) + bytesToString([33])", "hi!"),
            ("getWorkflowDefinitionId() + ',' + getWorkflowDefinitionVersion()", "helpers,1"),
            ("getWorkflowInstanceId()", "{instance}"),
            ("setCorrelationId('order-7'); getCorrelationId()", "order-7"),
            ("try { parseGuid('nope'); 'parsed' } catch (e) { e.name }", "TypeError"),
            ("try { stringFromBase64('%%%'); 'decoded' } catch (e) { e.name }", "TypeError"),
            ("getWorkflowDefinitionVersionId()", "{version}"),
        ];
        var activities = checks.Select((c, i) => WriteLineJs($"check{i}", c.Script)).ToArray();
        var connections = Enumerable.Range(1, checks.Length - 1).Select(i => $"check{i - 1}->check{i}").ToArray();
        await Engine.PublishAsync(Definition("helpers", activities, connections));
        var versionId = (await Engine.Definitions.GetAsync("helpers")).Id;

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("helpers"));

        // Assert
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        var expected = checks.Select(c => c.Expected.Replace("{instance}", instance.Id, StringComparison.Ordinal).Replace("{version}", versionId, StringComparison.Ordinal));
        Assert.Equal(expected, await Engine.LinesAsync(instance.Id));
        Assert.Equal("order-7", instance.CorrelationId);
    }

    [Fact]
    public async Task SetOutcomes_InRunJavaScript_ReplacesEarlierSetOutcome()
    {
        // Arrange
        await Engine.PublishAsync(Definition(
            "outcomes",
            [
                A("script", "Elsa.RunJavaScript", ("script", Js("setOutcome('C'); setOutcomes(['A', 'B'])", "String")), ("possibleOutcomes", Lit("A,B,C"))),
                WriteLine("a", "a"),
                WriteLine("b", "b"),
                WriteLine("c", "c"),
            ],
            ["script:A->a", "script:B->b", "script:C->c"]));

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("outcomes"));

        // Assert
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["a", "b"], (await Engine.LinesAsync(instance.Id)).Order());
    }

    private static JsonObject Named(JsonObject activity, string name)
    {
        activity["name"] = name;
        return activity;
    }

    /// <summary>The definition with workflow inputs declared as Elsa writes them.</summary>
    private static string WithInputs(string definition, params string[] inputs)
    {
        var json = JsonNode.Parse(definition)!.AsObject();
        json["inputs"] = new JsonArray([.. inputs.Select(name => (JsonNode)new JsonObject
        {
            ["type"] = "Object",
            ["name"] = name,
            ["displayName"] = name,
            ["isArray"] = false,
        })]);
        return json.ToJsonString();
    }
}
