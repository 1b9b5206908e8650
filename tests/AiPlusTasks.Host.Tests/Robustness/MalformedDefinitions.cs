using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>
/// Malformed workflow definitions: mutations of the real files in <c>workflows/</c> and of small generated flowcharts,
/// each a <c>POST /api/workflow-definitions</c> request naming the fields a 400 may blame.
/// </summary>
public static class MalformedDefinitions
{
    private static readonly JsonObject[] RealDefinitions =
    [
        .. Directory.GetFiles(RepositoryPaths.Workflows, "*.json").Order(StringComparer.Ordinal)
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!.AsObject()),
    ];

    /// <summary>A valid flowchart: Start, 1–6 activities of the kinds that take durations, cron, forms and events, End; all in a row.</summary>
    public static readonly Gen<JsonObject> SmallDefinition =
        Gen.Int[0, 5].Array[1, 6].Select(kinds =>
        {
            var activities = new JsonArray(Activity("start1", "Elsa.Start"));
            for (var i = 0; i < kinds.Length; i++)
            {
                activities.Add(SmallActivity(kinds[i], $"a{i}"));
            }

            activities.Add(Activity("end1", "Elsa.End"));
            var connections = new JsonArray();
            for (var i = 0; i + 1 < activities.Count; i++)
            {
                var port = activities[i]!["type"]!.GetValue<string>() == "AiPlus.HumanTask" ? "Submitted" : "Done";
                connections.Add(Connection(activities[i]!["id"]!.GetValue<string>(), port, activities[i + 1]!["id"]!.GetValue<string>()));
            }

            return new JsonObject
            {
                ["definitionId"] = "small",
                ["name"] = "Small generated flowchart",
                ["variables"] = new JsonArray(new JsonObject { ["name"] = "Count", ["typeName"] = "Int32", ["value"] = 0 }),
                ["root"] = new JsonObject
                {
                    ["id"] = "flowchart1",
                    ["type"] = "Elsa.Flowchart",
                    ["activities"] = activities,
                    ["connections"] = connections,
                },
            };
        });

    private static readonly Gen<JsonObject> BaseDefinition = Gen.Frequency(
        (3, Gen.Int[0, RealDefinitions.Length - 1].Select(i => RealDefinitions[i].DeepClone().AsObject())),
        (2, SmallDefinition));

    /// <summary>A base definition under an id of the sweep's own, so an accepted mutation never becomes a seeded definition's new version.</summary>
    private static readonly Gen<JsonObject> RenamedBaseDefinition = Gen.Select(BaseDefinition, Gen.Int[0, 999_999], (definition, suffix) =>
    {
        definition["definitionId"] = $"sweep-{definition["definitionId"]}-{suffix}";
        definition.Remove("id");
        return definition;
    });

    /// <summary>JavaScript and Liquid with syntax errors, and expression types the engine does not know.</summary>
    private static readonly (string Type, string Text)[] BadExpressions =
    [
        ("JavaScript", "if ("), ("JavaScript", "}{"), ("JavaScript", "'unterminated"), ("JavaScript", "getInput('x'"),
        ("JavaScript", "return return"), ("JavaScript", "a => => b"), ("JavaScript", "/* never closed"), ("JavaScript", "`${`"),
        ("Liquid", "{{ x | }}"), ("Liquid", "{% if %}"), ("Liquid", "{{ 'unclosed"), ("Python", "print(1)"), ("", "x"),
    ];

    /// <summary>Task forms whose JSON Schema is not JSON, not an object, or not a schema.</summary>
    private static readonly string[] BadSchemas =
    [
        "{", "[]", "42", "\"object\"", "{\"type\":\"nope\"}", "{\"type\":\"object\",\"properties\":[]}", "{\"minimum\":\"zero\"}",
        "{\"$ref\":\"#/definitions/missing\"}", "{\"required\":\"progress\"}", "{\"pattern\":\"(\"}", "{\"type\":[\"object\",42]}",
        "{\"properties\":{\"p\":{\"maxLength\":-1}}}", "{\"$schema\":\"http://example.com/unknown-draft\"}",
    ];

    /// <summary>Any malformed definition, every kind of mutation about equally often.</summary>
    /// <remarks>
    /// What a removed or renamed field breaks may show only where it is used (a variable's declaration at its readers),
    /// so for those two any named field will do; every other mutation names the fields a 400 must blame.
    /// </remarks>
    public static readonly Gen<MalformedRequest> Any = Gen.OneOf(
        Mutation("removed-field", Gen.Int.NonNegative, (definition, pick) =>
        {
            JsonTree.Pick(definition, pick).Remove();
            return [];
        }),
        Mutation("renamed-field", Gen.Select(Gen.Int.NonNegative, Gen.OneOf("_", "X", " ", "Ⅰ")), (definition, p) =>
        {
            var spot = JsonTree.Pick(definition, p.Item1, s => s.Property is not null);
            var value = spot.Value;
            spot.Remove();
            if (spot.Property is not null)
            {
                spot.Parent.AsObject()[spot.Property + p.Item2] = value?.DeepClone();
            }

            return [];
        }),
        Mutation("wrong-type-or-null", Gen.Select(Gen.Int.NonNegative, HostileJson.Value), (definition, p) =>
        {
            var spot = JsonTree.Pick(definition, p.Item1);
            var names = NamesWithReferences(spot);
            spot.Set(p.Item2?.DeepClone());
            return [.. names, .. HostileJson.NamesInside(p.Item2)];
        }),
        Mutation("unicode-string", Gen.Select(Gen.Int.NonNegative, HostileJson.UnicodeString), (definition, p) => SetString(definition, p.Item1, p.Item2)),
        Mutation("huge-string", Gen.Select(Gen.Int.NonNegative, HostileJson.EnormousString), (definition, p) => SetString(definition, p.Item1, p.Item2)),
        Mutation("deep-nesting", Gen.Int[2, 120], (definition, depth) =>
        {
            // Flowcharts inside flowcharts: the engine walks activities recursively.
            var innermost = Activity("deep", "Elsa.WriteLine");
            innermost["text"] = Literal("String", "deep");
            var node = innermost;
            for (var i = 0; i < depth; i++)
            {
                node = new JsonObject { ["id"] = $"nest{i}", ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray(node), ["connections"] = new JsonArray() };
            }

            // Past the reader's 64 levels the 400 names the body with a line and position.
            Activities(definition).Add(node);
            return ["activities", "nest0", "deep", "connections", "body"];
        }),
        Mutation("duplicate-activity-id", Gen.Select(Gen.Int.NonNegative, Gen.Int.NonNegative), (definition, p) =>
        {
            var activities = Activities(definition);
            var original = activities[p.Item1 % activities.Count]!;
            var copy = activities[p.Item2 % activities.Count]!;
            var id = original["id"]!.GetValue<string>();
            if (ReferenceEquals(original, copy))
            {
                activities.Add(copy.DeepClone());
            }
            else
            {
                copy["id"] = id;
            }

            return ["id", id];
        }),
        Mutation("dangling-connection", Gen.Select(Gen.Int.NonNegative, Gen.Bool, HostileJson.UnicodeString), (definition, p) =>
        {
            var connections = Connections(definition);
            var connection = connections[p.Item1 % connections.Count]!;
            var end = p.Item2 ? "source" : "target";
            connection[end]!["activity"] = "missing-" + p.Item3;
            return ["connections", "activity"];
        }),
        Mutation("cyclic-connection", Gen.Select(Gen.Int.NonNegative, Gen.Int.NonNegative), (definition, p) =>
        {
            // Loops are legal in a flowchart (a report returned for rework goes round again); a self-loop and a loop
            // back into the start must still be taken or refused cleanly.
            var activities = Activities(definition);
            var from = activities[p.Item1 % activities.Count]!["id"]!.GetValue<string>();
            var to = activities[p.Item2 % activities.Count]!["id"]!.GetValue<string>();
            Connections(definition).Add(Connection(from, "Done", to));
            return ["connections", "port", from];
        }),
        Mutation("unknown-activity-type", Gen.Select(Gen.Int.NonNegative, Gen.OneOf("Elsa.Nope", "elsa.writeline", "AiPlus.HumanTask ", "", "人工任务")), (definition, p) =>
        {
            var activities = Activities(definition);
            var activity = activities[p.Item1 % activities.Count]!;
            activity["type"] = p.Item2;
            return ["type", activity["id"]!.GetValue<string>()];
        }),
        Mutation("bad-expression", Gen.Select(Gen.Int.NonNegative, Gen.OneOf(BadExpressions)), (definition, p) =>
        {
            var expression = JsonTree.Pick(definition, p.Item1, s => s.Property == "expression" && s.Value is JsonObject);
            if (expression.Property != "expression" || expression.Value is not JsonObject)
            {
                var activity = Activities(definition)[p.Item1 % Activities(definition).Count]!;
                activity["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject() };
                expression = JsonTree.Pick(activity, 0, s => s.Property == "expression");
            }

            expression.Set(new JsonObject { ["type"] = p.Item2.Type, ["value"] = p.Item2.Text });
            return expression.Names;
        }),
        Mutation("bad-cron", Gen.Select(Gen.Int.NonNegative, Gen.OneOf("61 * * * *", "* * *", "0 9 1 * * * * *", "every day", "0 9 31 2 *", "@yearly", "", "*/0 * * * *", "0 25 * * *")), (definition, p) =>
            SetLiteralOf(definition, p.Item1, "Elsa.Cron", "cronExpression", p.Item2)),
        Mutation("bad-duration", Gen.Select(Gen.Int.NonNegative, Gen.Bool, Gen.OneOf("P-1D", "10 days", "PT", "P", "99999999.00:00:00", "-00:05:00", "P1Y2M", "PT1e9S", "∞", "1:2:3:4:5")), (definition, p) =>
            p.Item2
                ? SetLiteralOf(definition, p.Item1, "Elsa.Delay", "timeSpan", p.Item3)
                : SetLiteralOf(definition, p.Item1, "AiPlus.HumanTask", "dueAt", p.Item3)),
        Mutation("bad-form-schema", Gen.Select(Gen.Int.NonNegative, Gen.OneOf(BadSchemas)), (definition, p) =>
        {
            var tasks = ActivitiesOfType(definition, "AiPlus.HumanTask");
            var task = tasks.Count > 0 ? tasks[p.Item1 % tasks.Count] : AddActivity(definition, HumanTask("form1"));
            task["schema"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = p.Item2 } };
            return ["schema", task["id"]!.GetValue<string>()];
        }),
        Mutation("bad-variables", Gen.Select(Gen.Int.NonNegative, HostileJson.Value), (definition, p) =>
        {
            var variables = definition["variables"] as JsonArray ?? [];
            definition["variables"] = variables;
            variables.Add(new JsonObject { ["name"] = "Twice", ["typeName"] = "String" });
            variables.Add(new JsonObject { ["name"] = "Twice", ["typeName"] = p.Item2?.DeepClone() });
            return ["variables", "name", "typeName", .. HostileJson.NamesInside(p.Item2)];
        }),
        Corruption());

    private static Gen<MalformedRequest> Mutation<T>(string family, Gen<T> parameters, Func<JsonObject, T, IReadOnlyList<string>> mutate) =>
        Gen.Select(RenamedBaseDefinition, parameters, (definition, p) =>
        {
            var fields = mutate(definition, p);
            return Import(family, Encoding.UTF8.GetBytes(JsonTree.Write(definition)), fields, mustBeRejected: false);
        });

    /// <summary>Truncated text, invalid UTF-8 and stray characters: never a definition, always a 400 naming the body.</summary>
    private static Gen<MalformedRequest> Corruption() =>
        from definition in RenamedBaseDefinition
        from bytes in Gen.OneOf(HostileJson.Unparsable(JsonTree.Write(definition)), HostileJson.WithInvalidUtf8(JsonTree.Write(definition)))
        select Import("corrupt-text", bytes, ["body"], mustBeRejected: true);

    private static MalformedRequest Import(string family, byte[] body, IReadOnlyList<string> fields, bool mustBeRejected) =>
        new($"definition/{family}", HttpMethod.Post, HttpApi.Definitions, body, "application/json", SweepCaller.NdrcPlanner, fields, MustBeRejected: mustBeRejected);

    private static IReadOnlyList<string> SetString(JsonObject definition, int pick, string value)
    {
        var spot = JsonTree.Pick(definition, pick, s => s.Value is JsonValue v && v.TryGetValue<string>(out _));
        var names = NamesWithReferences(spot);
        spot.Set(value);
        return names;
    }

    /// <summary>
    /// The spot's names and the texts in its current value: a changed activity id or variable declaration breaks the
    /// places that refer to it, and the 400 names those by the old text ("variable 'ReturnReason' is not declared").
    /// Texts under three characters would match anything, so they do not count.
    /// </summary>
    private static IReadOnlyList<string> NamesWithReferences(JsonSpot spot)
    {
        IEnumerable<JsonNode?> values = spot.Value is { } value ? [value, .. JsonTree.Spots(value).Select(s => s.Value)] : [];
        var texts = values.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var text) ? text : null).Where(t => t is { Length: >= 3 });
        return [.. spot.Names, .. texts!];
    }

    private static IReadOnlyList<string> SetLiteralOf(JsonObject definition, int pick, string type, string input, string text)
    {
        var candidates = ActivitiesOfType(definition, type);
        var activity = candidates.Count > 0 ? candidates[pick % candidates.Count] : AddActivity(definition, SmallActivity(type == "Elsa.Cron" ? 2 : type == "Elsa.Delay" ? 1 : 3, "added1"));
        activity[input] = Literal("String", text);
        return [input, activity["id"]!.GetValue<string>()];
    }

    private static JsonArray Activities(JsonObject definition) => definition["root"]!["activities"]!.AsArray();

    private static JsonArray Connections(JsonObject definition)
    {
        var root = definition["root"]!.AsObject();
        if (root["connections"] is not JsonArray { Count: > 0 } connections)
        {
            connections = [Connection("start1", "Done", "end1")];
            root["connections"] = connections;
        }

        return connections;
    }

    private static List<JsonObject> ActivitiesOfType(JsonObject definition, string type) =>
        [.. JsonTree.Spots(definition).Select(s => s.Value).OfType<JsonObject>().Where(a => a["type"] is JsonValue t && t.TryGetValue<string>(out var name) && name == type)];

    /// <summary>Adds an activity after the start so it is reachable (the start of the root flowchart is its first activity).</summary>
    private static JsonObject AddActivity(JsonObject definition, JsonObject activity)
    {
        Activities(definition).Add(activity);
        var start = Activities(definition)[0]!["id"]!.GetValue<string>();
        Connections(definition).Add(Connection(start, "Done", activity["id"]!.GetValue<string>()));
        return activity;
    }

    private static JsonObject SmallActivity(int kind, string id)
    {
        switch (kind)
        {
            case 0:
                var write = Activity(id, "Elsa.WriteLine");
                write["text"] = Literal("String", "写一行 a line");
                return write;
            case 1:
                var delay = Activity(id, "Elsa.Delay");
                delay["timeSpan"] = Literal("TimeSpan", "PT5M");
                return delay;
            case 2:
                var cron = Activity(id, "Elsa.Cron");
                cron["cronExpression"] = Literal("String", "0 9 1 * *");
                return cron;
            case 3:
                return HumanTask(id);
            case 4:
                var wait = Activity(id, "Elsa.Event");
                wait["eventName"] = Literal("String", "sweep-event");
                return wait;
            default:
                var set = Activity(id, "Elsa.SetVariable");
                set["variable"] = new JsonObject { ["name"] = "Count", ["typeName"] = "Int32" };
                set["value"] = new JsonObject { ["typeName"] = "Int32", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "variables.Count + 1" } };
                return set;
        }
    }

    private static JsonObject HumanTask(string id)
    {
        var task = Activity(id, "AiPlus.HumanTask");
        task["title"] = Literal("String", "进度报告 Progress report");
        task["assigneeAgency"] = Literal("String", "guangdong");
        task["outcomes"] = Literal("String", "Submitted,Withdrawn");
        task["dueAt"] = Literal("String", "P10D");
        task["schema"] = new JsonObject
        {
            ["typeName"] = "Object",
            ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "{\"type\":\"object\",\"properties\":{\"progress\":{\"type\":\"integer\"}}}" },
        };
        return task;
    }

    private static JsonObject Activity(string id, string type) => new() { ["id"] = id, ["type"] = type, ["version"] = 1 };

    private static JsonObject Literal(string typeName, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Connection(string from, string port, string to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
    };
}
