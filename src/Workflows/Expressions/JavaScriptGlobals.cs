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
/// The globals of an engine's JavaScript evaluations, as Elsa 3 exposes them: the objects <c>variables</c> and <c>input</c>, the
/// common functions, and the functions Elsa generates for the workflow — <c>get{Variable}()</c>/<c>set{Variable}(v)</c>
/// for every variable in scope (a <c>ParallelForEach</c> body's <c>CurrentValue</c> and <c>CurrentIndex</c> included),
/// <c>get{Input}()</c> for every input the definition declares, and <c>get{Output}From{Activity}()</c> for the outputs of
/// the activities around the running one. Only what the script mentions is bound (<see cref="ScriptIdentifiers"/>).
/// The functions are bound once per engine and read the scope of the evaluation running now (<see cref="Bind"/>), so an
/// engine's later evaluations, for other activities, see their own variables, inputs and outputs.
/// </summary>
/// <remarks>
/// On a name clash the later definition wins, in Elsa's order: <c>setOutcome</c>/<c>setOutcomes</c>, the common
/// functions, variable accessors, input accessors, output accessors. So a variable named <c>Input</c> hides
/// <c>getInput(name)</c>, as in Elsa.
/// </remarks>
internal sealed class JavaScriptGlobals
{
    private static readonly JsonSerializerOptions ToJsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// Elsa 3's common functions (its <c>ConfigureEngineWithCommonFunctions</c> and <c>RunJavaScript</c>), in its order.
    /// The ones that only read (<c>getVariable</c>, <c>getInput</c>, <c>getOutputFrom</c>, <c>getLastResult</c>) are
    /// <see cref="TryRead"/>s, which a script that is just such a call is answered with directly (<see cref="ScriptShortcut"/>).
    /// </summary>
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
        ("getVariable", static (g, args) => g.ReadAsJs("getVariable", [Text(args, 0)])),
        ("getInput", static (g, args) => g.ReadAsJs("getInput", [Text(args, 0)])),
        ("getOutputFrom", static (g, args) => g.ReadAsJs("getOutputFrom", [Text(args, 0), OptionalText(args, 1)])),
        ("getLastResult", static (g, _) => g.ReadAsJs("getLastResult", [])),
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

    private static readonly Dictionary<string, Func<JavaScriptGlobals, JsValue[], JsValue>> FunctionsByName =
        Functions.ToDictionary(f => f.Name, f => f.Body, StringComparer.Ordinal);

    private readonly JsEngine _engine;

    /// <summary>What each global function this engine has is bound to.</summary>
    private readonly Dictionary<string, GlobalBinding> _bound = new(StringComparer.Ordinal);
    private IExpressionScope _scope = null!;
    private IReadOnlyDictionary<string, JsonNode?>? _visible;
    private JsObject? _variables;

    public JavaScriptGlobals(JsEngine engine) => _engine = engine;

    /// <summary>Every variable visible to the running activity, read once per evaluation.</summary>
    private IReadOnlyDictionary<string, JsonNode?> Visible => _visible ??= _scope.VisibleVariables();

    /// <summary>
    /// Gets the engine's globals ready for one evaluation in <paramref name="scope"/>: binds what the script mentions as
    /// <see cref="Resolve"/> says, fresh <c>variables</c> and <c>input</c> objects, and removes the functions an earlier
    /// evaluation bound that the script mentions but this scope does not have (so it fails as a ReferenceError, as in a
    /// fresh engine). A global the script does not mention it cannot reach, so it is left as it is.
    /// </summary>
    public void Bind(IExpressionScope scope, ScriptIdentifiers names)
    {
        _scope = scope;
        _visible = null;
        _variables = null;
        if (names.Mentions("variables"))
        {
            _variables = new JsObject(_engine);
            foreach (var (name, value) in Visible)
            {
                _variables.FastSetDataProperty(name, ToJs(value));
            }

            _engine.SetValue("variables", _variables);
        }

        if (names.Mentions("input"))
        {
            _engine.SetValue("input", ToJs(_scope.WorkflowInput));
        }

        var wanted = Resolve(scope, names, () => Visible);
        foreach (var (name, binding) in wanted)
        {
            if (!_bound.TryGetValue(name, out var current) || current != binding)
            {
                Define(name, binding);
                _bound[name] = binding;
            }
        }

        foreach (var stale in _bound.Keys.Where(n => names.Mentions(n) && !wanted.ContainsKey(n)).ToList())
        {
            _engine.Global.Delete(stale);
            _bound.Remove(stale);
        }
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

    /// <summary>
    /// The global functions a script mentioning <paramref name="names"/> has in <paramref name="scope"/>, in Elsa's order
    /// (a later definition of a name wins): the common functions, then <c>get{Variable}()</c>/<c>set{Variable}(v)</c> for
    /// every variable in scope whose name Elsa accepts (inner scopes come last in <paramref name="visible"/>, so when two
    /// names pascalize alike the innermost wins), <c>get{Input}()</c> for every declared input (named exactly as declared:
    /// Elsa does not pascalize these), and <c>get{Output}From{Activity}()</c> for the activities of the composites
    /// around the running one (its own flowchart's win over an outer one's). Elsa names an activity by its name when the
    /// definition was made with Elsa Studio 3 (toolVersion 3 or later) and by its id otherwise; both are bound, that
    /// rule deciding a clash.
    /// </summary>
    public static Dictionary<string, GlobalBinding> Resolve(IExpressionScope scope, ScriptIdentifiers names, Func<IReadOnlyDictionary<string, JsonNode?>> visible)
    {
        var bindings = new Dictionary<string, GlobalBinding>(StringComparer.Ordinal);
        foreach (var (name, _) in Functions)
        {
            if (names.Mentions(name))
            {
                bindings[name] = new GlobalBinding(GlobalBindingKind.Function, name);
            }
        }

        if (names.MentionsAny(static w => w.StartsWith("get", StringComparison.Ordinal) || w.StartsWith("set", StringComparison.Ordinal)))
        {
            foreach (var name in visible().Keys.Where(JavaScriptAccessorNames.IsAccessible))
            {
                var pascal = JavaScriptAccessorNames.Pascalize(name);
                AddIfMentioned(bindings, names, "get" + pascal, new GlobalBinding(GlobalBindingKind.GetVariable, name));
                AddIfMentioned(bindings, names, "set" + pascal, new GlobalBinding(GlobalBindingKind.SetVariable, name));
            }
        }

        foreach (var declared in scope.Definition.Inputs)
        {
            if (declared["name"] is JsonValue text && text.TryGetValue<string>(out var name) && JavaScriptAccessorNames.IsAccessible(name))
            {
                AddIfMentioned(bindings, names, "get" + name, new GlobalBinding(GlobalBindingKind.GetInput, name));
            }
        }

        if (names.MentionsAny(static w => w.StartsWith("get", StringComparison.Ordinal) && w.Contains("From", StringComparison.Ordinal)))
        {
            AddOutputAccessors(bindings, scope, names);
        }

        return bindings;
    }

    /// <summary>
    /// The value a reading global gives when called with these (already converted) arguments, as JSON: the common
    /// <c>getVariable(name)</c>, <c>getInput(name)</c>, <c>getOutputFrom(activity[, output])</c> and
    /// <c>getLastResult()</c>, and the generated <c>get…()</c> accessors. False for any other global.
    /// </summary>
    public static bool TryRead(GlobalBinding binding, IExpressionScope scope, IReadOnlyList<string?> arguments, out JsonNode? value)
    {
        switch (binding.Kind, binding.Name)
        {
            case (GlobalBindingKind.Function, "getVariable"):
                value = scope.GetVariable(Text(arguments, 0));
                return true;
            case (GlobalBindingKind.Function, "getInput"):
                value = scope.WorkflowInput[Text(arguments, 0)];
                return true;
            case (GlobalBindingKind.Function, "getOutputFrom"):
                value = GetOutputFrom(scope, Text(arguments, 0), arguments.Count > 1 ? arguments[1] : null);
                return true;
            case (GlobalBindingKind.Function, "getLastResult"):
                value = scope.LastResult;
                return true;
            case (GlobalBindingKind.GetVariable, _):
                value = scope.GetVariable(binding.Name);
                return true;
            case (GlobalBindingKind.GetInput, _):
                value = WorkflowInput(scope, binding.Name);
                return true;
            case (GlobalBindingKind.GetOutput, _):
                value = scope.GetActivityOutput(binding.Activity!, binding.Output!);
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static void AddIfMentioned(Dictionary<string, GlobalBinding> bindings, ScriptIdentifiers names, string name, GlobalBinding binding)
    {
        if (names.Mentions(name))
        {
            bindings[name] = binding;
        }
    }

    private static void AddOutputAccessors(Dictionary<string, GlobalBinding> bindings, IExpressionScope scope, ScriptIdentifiers names)
    {
        var byName = IsModernTooling(scope.Definition);
        var accessors = new Dictionary<string, GlobalBinding>(StringComparer.Ordinal);
        foreach (var container in scope.EnclosingActivities().Reverse())
        {
            var withOutputs = container.Children.Where(a => scope.OutputNamesOf(a).Count > 0).ToList();
            AddOutputAccessors(accessors, scope, withOutputs, byName ? a => a.Id : a => a.Name);
            AddOutputAccessors(accessors, scope, withOutputs, byName ? a => a.Name : a => a.Id);
        }

        foreach (var (accessor, binding) in accessors)
        {
            AddIfMentioned(bindings, names, accessor, binding);
        }
    }

    private static void AddOutputAccessors(Dictionary<string, GlobalBinding> accessors, IExpressionScope scope, List<ActivityNode> activities, Func<ActivityNode, string?> key)
    {
        foreach (var activity in activities)
        {
            if (string.IsNullOrWhiteSpace(key(activity)))
            {
                continue;
            }

            var activityName = JavaScriptAccessorNames.Pascalize(key(activity)!);
            foreach (var output in scope.OutputNamesOf(activity))
            {
                var outputName = JavaScriptAccessorNames.Pascalize(output);
                if (JavaScriptAccessorNames.IsAccessible(outputName) && JavaScriptAccessorNames.IsAccessible(activityName))
                {
                    accessors[$"get{outputName}From{activityName}"] = new GlobalBinding(GlobalBindingKind.GetOutput, output, activity, output);
                }
            }
        }
    }

    private static bool IsModernTooling(WorkflowDefinition definition) =>
        definition.Extensions["toolVersion"] is JsonValue text && text.TryGetValue<string>(out var version)
        && Version.TryParse(version, out var parsed) && parsed.Major >= 3;

    // The input a declared input reads: the one of that name, else (as Elsa matches them) the first whose pascalized
    // name equals it ignoring case — so a declared "OrderId" reads an input sent as "orderId".
    private static JsonNode? WorkflowInput(IExpressionScope scope, string name)
    {
        if (scope.WorkflowInput.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        return scope.WorkflowInput.FirstOrDefault(i => string.Equals(JavaScriptAccessorNames.Pascalize(i.Key), name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    // getOutputFrom(activity) is the activity's last result; getOutputFrom(activity, output) reads a declared output.
    private static JsonNode? GetOutputFrom(IExpressionScope scope, string activityIdOrName, string? outputName)
    {
        if (outputName is null)
        {
            return scope.GetActivityResult(activityIdOrName);
        }

        var activities = scope.Definition.AllActivities().ToList();
        var activity = activities.FirstOrDefault(a => a.Id == activityIdOrName) ?? activities.FirstOrDefault(a => a.Name == activityIdOrName);
        return activity is null ? null : scope.GetActivityOutput(activity, outputName);
    }

    private JsValue ReadAsJs(string function, IReadOnlyList<string?> arguments)
    {
        TryRead(new GlobalBinding(GlobalBindingKind.Function, function), _scope, arguments, out var value);
        return ToJs(value);
    }

    private void Define(string name, GlobalBinding binding)
    {
        Func<JsValue[], JsValue> body = binding.Kind switch
        {
            GlobalBindingKind.Function => args => FunctionsByName[name](this, args),
            GlobalBindingKind.SetVariable => args => SetVariable(binding.Name, Arg(args, 0)),
            _ => _ =>
            {
                TryRead(binding, _scope, [], out var value);
                return ToJs(value);
            },
        };
        DefineFunction(name, body);
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
    private void DefineFunction(string name, Func<JsValue[], JsValue> body) =>
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

    private static string Text(IReadOnlyList<string?> arguments, int index) => arguments.Count > index ? arguments[index] ?? "" : "";

    private static string? OptionalText(JsValue[] args, int index) =>
        Arg(args, index) is var value && (value.IsNull() || value.IsUndefined()) ? null : TypeConverter.ToString(value);

    private static List<string> Texts(JsValue value) => value switch
    {
        JsArray array => [.. Enumerable.Range(0, (int)array.Length).Select(i => TypeConverter.ToString(array[i]))],
        _ when value.IsNull() || value.IsUndefined() => [],
        _ => [TypeConverter.ToString(value)],
    };
}
