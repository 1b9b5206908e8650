using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using AiPlusTasks.Workflows.Definitions;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// The globals of one JavaScript evaluation, as Elsa 3 exposes them: the objects <c>variables</c> and <c>input</c>, the
/// common functions, and the functions Elsa generates for the workflow — <c>get{Variable}()</c>/<c>set{Variable}(v)</c>
/// for every variable in scope (a <c>ParallelForEach</c> body's <c>CurrentValue</c> and <c>CurrentIndex</c> included),
/// <c>get{Input}()</c> for every input the definition declares, and <c>get{Output}From{Activity}()</c> for the outputs of
/// the activities around the running one. Only what the script mentions is bound (<see cref="ScriptIdentifiers"/>).
/// </summary>
/// <remarks>
/// On a name clash the later definition wins, in Elsa's order: <c>setOutcome</c>/<c>setOutcomes</c>, the common
/// functions, variable accessors, input accessors, output accessors. So a variable named <c>Input</c> hides
/// <c>getInput(name)</c>, as in Elsa.
/// </remarks>
internal sealed class JavaScriptGlobals
{
    private static readonly JsonSerializerOptions ToJsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Elsa 3's common functions (its <c>ConfigureEngineWithCommonFunctions</c> and <c>RunJavaScript</c>), in its order.</summary>
    private static readonly (string Name, Func<JavaScriptGlobals, JsValue[], JsValue> Body)[] Functions =
    [
        ("setOutcome", static (g, args) => g.SetOutcomes([Text(args, 0)])),
        ("setOutcomes", static (g, args) => g.SetOutcomes(Texts(Arg(args, 0)))),
        ("getWorkflowDefinitionId", static (g, _) => g._scope.Definition.DefinitionId),
        ("getWorkflowDefinitionVersionId", static (g, _) => g._scope.Definition.Id),
        ("getWorkflowDefinitionVersion", static (g, _) => g._scope.Definition.Version),
        ("getWorkflowInstanceId", static (g, _) => g._scope.InstanceId),
        ("setCorrelationId", static (g, args) => g.SetCorrelationId(OptionalText(args, 0))),
        ("getCorrelationId", static (g, _) => g._scope.CorrelationId is { } id ? id : JsValue.Null),
        ("setVariable", static (g, args) => g.SetVariable(Text(args, 0), Arg(args, 1))),
        ("getVariable", static (g, args) => g.ToJs(g._scope.GetVariable(Text(args, 0)))),
        ("getInput", static (g, args) => g.ToJs(g._scope.WorkflowInput[Text(args, 0)])),
        ("getOutputFrom", static (g, args) => g.ToJs(g.GetOutputFrom(Text(args, 0), OptionalText(args, 1)))),
        ("getLastResult", static (g, _) => g.ToJs(g._scope.LastResult)),
        ("isNullOrWhiteSpace", static (_, args) => string.IsNullOrWhiteSpace(OptionalText(args, 0))),
        ("isNullOrEmpty", static (_, args) => string.IsNullOrEmpty(OptionalText(args, 0))),
        ("toJson", static (g, args) => g.ToJson(Arg(args, 0))),
        ("parseGuid", static (_, args) => Guid.Parse(Text(args, 0)).ToString()),
        ("newGuid", static (_, _) => Guid.NewGuid().ToString()),
        ("newGuidString", static (_, _) => Guid.NewGuid().ToString()),
        ("newShortGuid", static (_, _) => NewShortGuid()),
        ("bytesToString", static (g, args) => Encoding.UTF8.GetString(g.Bytes(Arg(args, 0)))),
        ("bytesFromString", static (g, args) => g.Buffer(Encoding.UTF8.GetBytes(Text(args, 0)))),
        ("bytesToBase64", static (g, args) => Convert.ToBase64String(g.Bytes(Arg(args, 0)))),
        ("bytesFromBase64", static (g, args) => g.Buffer(Convert.FromBase64String(Text(args, 0)))),
        ("stringToBase64", static (_, args) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(args, 0)))),
        ("stringFromBase64", static (_, args) => Encoding.UTF8.GetString(Convert.FromBase64String(Text(args, 0)))),

        // Deprecated in Elsa in favour of newGuidString and newShortGuid, still defined there.
        ("getGuidString", static (_, _) => Guid.NewGuid().ToString()),
        ("getShortGuid", static (_, _) => NewShortGuid()),
    ];

    private readonly JsEngine _engine;
    private readonly IExpressionScope _scope;
    private readonly ScriptIdentifiers _names;
    private IReadOnlyDictionary<string, JsonNode?>? _visible;
    private JsObject? _variables;

    public JavaScriptGlobals(JsEngine engine, IExpressionScope scope, ScriptIdentifiers names)
    {
        _engine = engine;
        _scope = scope;
        _names = names;
    }

    /// <summary>Every variable visible to the running activity, read once per evaluation.</summary>
    private IReadOnlyDictionary<string, JsonNode?> Visible => _visible ??= _scope.VisibleVariables();

    /// <summary>Binds what the script mentions, in Elsa's order.</summary>
    public void Bind()
    {
        if (_names.Mentions("variables"))
        {
            _variables = new JsObject(_engine);
            foreach (var (name, value) in Visible)
            {
                _variables.FastSetDataProperty(name, ToJs(value));
            }

            _engine.SetValue("variables", _variables);
        }

        if (_names.Mentions("input"))
        {
            _engine.SetValue("input", ToJs(_scope.WorkflowInput));
        }

        foreach (var (name, body) in Functions)
        {
            if (_names.Mentions(name))
            {
                Define(name, args => body(this, args));
            }
        }

        BindVariableAccessors();
        BindInputAccessors();
        BindOutputAccessors();
    }

    /// <summary>Writes back what the script assigned to <c>variables.X</c> (only values that changed).</summary>
    public void WriteBackVariables()
    {
        if (_variables is null)
        {
            return;
        }

        var after = JavaScriptJson.FromJs(_engine, _variables) as JsonObject ?? [];
        foreach (var (name, value) in after)
        {
            if (!Visible.TryGetValue(name, out var old) || !JsonNode.DeepEquals(old, value))
            {
                _scope.SetVariable(name, value?.DeepClone());
            }
        }
    }

    // get{Name}() and set{Name}(v) for every variable in scope whose name Elsa accepts. Inner scopes come last in
    // VisibleVariables, so when two names pascalize alike the innermost wins.
    private void BindVariableAccessors()
    {
        if (!_names.MentionsAny(static w => w.StartsWith("get", StringComparison.Ordinal) || w.StartsWith("set", StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var name in Visible.Keys)
        {
            if (!JavaScriptAccessorNames.IsAccessible(name))
            {
                continue;
            }

            var pascal = JavaScriptAccessorNames.Pascalize(name);
            if (_names.Mentions("get" + pascal))
            {
                Define("get" + pascal, _ => ToJs(_scope.GetVariable(name)));
            }

            if (_names.Mentions("set" + pascal))
            {
                Define("set" + pascal, args => SetVariable(name, Arg(args, 0)));
            }
        }
    }

    // get{Name}() for every input the definition declares, named exactly as declared (Elsa does not pascalize these).
    private void BindInputAccessors()
    {
        foreach (var declared in _scope.Definition.Inputs)
        {
            if (declared["name"] is JsonValue text && text.TryGetValue<string>(out var name)
                && JavaScriptAccessorNames.IsAccessible(name) && _names.Mentions("get" + name))
            {
                Define("get" + name, _ => ToJs(WorkflowInput(name)));
            }
        }
    }

    // get{Output}From{Activity}() for the activities of the composites around the running one (its own flowchart's
    // activities win over an outer flowchart's). Elsa names an activity by its name when the definition was made with
    // Elsa Studio 3 (toolVersion 3 or later) and by its id otherwise; both are bound here, that rule deciding a clash.
    private void BindOutputAccessors()
    {
        if (!_names.MentionsAny(static w => w.StartsWith("get", StringComparison.Ordinal) && w.Contains("From", StringComparison.Ordinal)))
        {
            return;
        }

        var byName = IsModernTooling(_scope.Definition);
        var accessors = new Dictionary<string, (ActivityNode Activity, string Output)>(StringComparer.Ordinal);
        foreach (var container in _scope.EnclosingActivities().Reverse())
        {
            var withOutputs = container.Children.Where(a => _scope.OutputNamesOf(a).Count > 0).ToList();
            AddOutputAccessors(accessors, withOutputs, byName ? a => a.Id : a => a.Name);
            AddOutputAccessors(accessors, withOutputs, byName ? a => a.Name : a => a.Id);
        }

        foreach (var (accessor, (activity, output)) in accessors)
        {
            if (_names.Mentions(accessor))
            {
                Define(accessor, _ => ToJs(_scope.GetActivityOutput(activity, output)));
            }
        }
    }

    private void AddOutputAccessors(Dictionary<string, (ActivityNode Activity, string Output)> accessors, List<ActivityNode> activities, Func<ActivityNode, string?> key)
    {
        foreach (var activity in activities)
        {
            if (string.IsNullOrWhiteSpace(key(activity)))
            {
                continue;
            }

            var activityName = JavaScriptAccessorNames.Pascalize(key(activity)!);
            foreach (var output in _scope.OutputNamesOf(activity))
            {
                var outputName = JavaScriptAccessorNames.Pascalize(output);
                if (JavaScriptAccessorNames.IsAccessible(outputName) && JavaScriptAccessorNames.IsAccessible(activityName))
                {
                    accessors[$"get{outputName}From{activityName}"] = (activity, output);
                }
            }
        }
    }

    private static bool IsModernTooling(WorkflowDefinition definition) =>
        definition.Extensions["toolVersion"] is JsonValue text && text.TryGetValue<string>(out var version)
        && Version.TryParse(version, out var parsed) && parsed.Major >= 3;

    // The input a declared input reads: the one of that name, else (as Elsa matches them) the first whose pascalized
    // name equals it ignoring case — so a declared "OrderId" reads an input sent as "orderId".
    private JsonNode? WorkflowInput(string name)
    {
        if (_scope.WorkflowInput.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        return _scope.WorkflowInput.FirstOrDefault(i => string.Equals(JavaScriptAccessorNames.Pascalize(i.Key), name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private JsValue SetVariable(string name, JsValue value)
    {
        var node = JavaScriptJson.FromJs(_engine, value);
        _scope.SetVariable(name, node);
        _variables?.Set(name, ToJs(node));
        return JsValue.Undefined;
    }

    private JsValue SetOutcomes(List<string> outcomes)
    {
        _scope.RequestedOutcomes = outcomes;
        return JsValue.Undefined;
    }

    private JsValue SetCorrelationId(string? value)
    {
        _scope.CorrelationId = value;
        return JsValue.Undefined;
    }

    // getOutputFrom(activity) is the activity's last result; getOutputFrom(activity, output) reads a declared output.
    private JsonNode? GetOutputFrom(string activityIdOrName, string? outputName)
    {
        if (outputName is null)
        {
            return _scope.GetActivityResult(activityIdOrName);
        }

        var activities = _scope.Definition.AllActivities().ToList();
        var activity = activities.FirstOrDefault(a => a.Id == activityIdOrName) ?? activities.FirstOrDefault(a => a.Name == activityIdOrName);
        return activity is null ? null : _scope.GetActivityOutput(activity, outputName);
    }

    // As Elsa's toJson: compact JSON, non-ASCII letters as they are, HTML-sensitive characters escaped.
    private JsValue ToJson(JsValue value) => JavaScriptJson.FromJs(_engine, value)?.ToJsonString(ToJsonOptions) ?? "null";

    // Elsa hands byte arrays to scripts as ArrayBuffers; typed arrays and arrays of numbers are accepted too.
    private byte[] Bytes(JsValue value) => value switch
    {
        JsArrayBuffer or JsTypedArray when value.ToObject() is byte[] bytes => bytes,
        JsArray array => [.. Enumerable.Range(0, (int)array.Length).Select(i => (byte)TypeConverter.ToNumber(array[i]))],
        _ => throw new JavaScriptException(_engine.Intrinsics.TypeError, "expected bytes (an ArrayBuffer, a Uint8Array or an array of numbers)"),
    };

    private JsArrayBuffer Buffer(byte[] bytes) => _engine.Intrinsics.ArrayBuffer.Construct(bytes);

    private JsValue ToJs(JsonNode? node) => JavaScriptJson.ToJs(_engine, node);

    /// <summary>Adds a global function without reflection; .NET format errors become JavaScript TypeErrors a script can catch.</summary>
    private void Define(string name, Func<JsValue[], JsValue> body) =>
        _engine.SetValue(name, new ClrFunction(_engine, name, (_, args) =>
        {
            try
            {
                return body(args);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or DecoderFallbackException)
            {
                throw new JavaScriptException(_engine.Intrinsics.TypeError, $"{name}: {e.Message}");
            }
        }));

    private static string NewShortGuid() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Replace("/", "", StringComparison.Ordinal)
        .Replace("+", "", StringComparison.Ordinal).Replace("=", "", StringComparison.Ordinal);

    private static JsValue Arg(JsValue[] args, int index) => args.Length > index ? args[index] : JsValue.Undefined;

    private static string Text(JsValue[] args, int index) => args.Length > index ? TypeConverter.ToString(args[index]) : "";

    private static string? OptionalText(JsValue[] args, int index) =>
        Arg(args, index) is var value && (value.IsNull() || value.IsUndefined()) ? null : TypeConverter.ToString(value);

    private static List<string> Texts(JsValue value) => value switch
    {
        JsArray array => [.. Enumerable.Range(0, (int)array.Length).Select(i => TypeConverter.ToString(array[i]))],
        _ when value.IsNull() || value.IsUndefined() => [],
        _ => [TypeConverter.ToString(value)],
    };
}
