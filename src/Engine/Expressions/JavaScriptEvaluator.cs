using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Options;
using JsEngine = Jint.Engine;

namespace AiPlusTasks.Engine.Expressions;

/// <summary>
/// Runs JavaScript with Jint in a sandbox: no CLR access, and limits on time, memory, recursion and statements
/// (<see cref="JavaScriptOptions"/>). Exposes Elsa's helper functions: <c>getVariable</c>, <c>setVariable</c>,
/// <c>getInput</c>, <c>getWorkflowInstanceId</c>, <c>getCorrelationId</c>, <c>setCorrelationId</c>,
/// <c>getLastResult</c>, <c>getOutputFrom</c>, <c>setOutcome</c>, plus the objects <c>variables</c> and
/// <c>input</c>. Assignments to <c>variables.X</c> are written back. <c>new Date()</c> is the burst's time.
/// </summary>
public sealed class JavaScriptEvaluator(IOptions<JavaScriptOptions> options)
{
    private readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> _prepared = new(StringComparer.Ordinal);

    /// <summary>Checks syntax only. Returns null when the script parses, else the parser's message with line and column.</summary>
    public static string? CheckSyntax(string script)
    {
        try
        {
            JsEngine.PrepareScript(script);
            return null;
        }
        catch (ScriptPreparationException e)
        {
            return e.InnerException?.Message ?? e.Message;
        }
    }

    /// <summary>Evaluates a script; its completion value is the result, as JSON.</summary>
    /// <exception cref="ExpressionException">Syntax error, runtime error or a sandbox limit was hit.</exception>
    public JsonNode? Evaluate(string script, IExpressionScope scope)
    {
        var limits = options.Value;
        var engine = new JsEngine(o =>
        {
            o.TimeoutInterval(limits.Timeout);
            o.LimitMemory(limits.MemoryLimitBytes);
            o.LimitRecursion(limits.RecursionLimit);
            o.MaxStatements(limits.StatementLimit);
            o.TimeSystem = new BurstTimeSystem(scope.Now, scope.TimeZone);
        });
        var before = scope.VisibleVariables();
        var variables = ToJs(engine, new JsonObject(before.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))));
        engine.SetValue("variables", variables);
        engine.SetValue("input", ToJs(engine, scope.WorkflowInput));
        Define(engine, "getVariable", args => ToJs(engine, scope.GetVariable(Text(args, 0))));
        Define(engine, "setVariable", args =>
        {
            var name = Text(args, 0);
            var node = FromJs(engine, args.Length > 1 ? args[1] : JsValue.Undefined);
            scope.SetVariable(name, node);
            variables.AsObject().Set(name, ToJs(engine, node));
            return JsValue.Undefined;
        });
        Define(engine, "getInput", args => ToJs(engine, scope.WorkflowInput[Text(args, 0)]));
        Define(engine, "getWorkflowInstanceId", _ => scope.InstanceId);
        Define(engine, "getCorrelationId", _ => scope.CorrelationId is { } id ? id : JsValue.Null);
        Define(engine, "setCorrelationId", args =>
        {
            scope.CorrelationId = Text(args, 0);
            return JsValue.Undefined;
        });
        Define(engine, "getLastResult", _ => ToJs(engine, scope.LastResult));
        Define(engine, "getOutputFrom", args => ToJs(engine, scope.GetActivityResult(Text(args, 0))));
        Define(engine, "setOutcome", args =>
        {
            (scope.RequestedOutcomes ??= []).Add(Text(args, 0));
            return JsValue.Undefined;
        });

        JsonNode? result;
        try
        {
            var prepared = _prepared.GetOrAdd(script, static s => JsEngine.PrepareScript(s));
            result = FromJs(engine, engine.Evaluate(prepared));
        }
        catch (ScriptPreparationException e)
        {
            throw new ExpressionException($"JavaScript syntax error: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (TimeoutException e)
        {
            throw new ExpressionException($"JavaScript ran longer than the limit of {limits.Timeout.TotalMilliseconds:0} ms", e);
        }
        catch (MemoryLimitExceededException e)
        {
            throw new ExpressionException($"JavaScript allocated more than the limit of {limits.MemoryLimitBytes} bytes", e);
        }
        catch (RecursionDepthOverflowException e)
        {
            throw new ExpressionException($"JavaScript recursed deeper than the limit of {limits.RecursionLimit}", e);
        }
        catch (StatementsCountOverflowException e)
        {
            throw new ExpressionException($"JavaScript ran more than the limit of {limits.StatementLimit} statements", e);
        }
        catch (JavaScriptException e)
        {
            throw new ExpressionException($"JavaScript error: {e.Message} (line {e.Location.Start.Line}, column {e.Location.Start.Column})", e);
        }
        catch (JintException e)
        {
            throw new ExpressionException($"JavaScript error: {e.Message}", e);
        }

        WriteBackVariables(engine, variables, before, scope);
        return result;
    }

    private static void WriteBackVariables(JsEngine engine, JsValue variables, IReadOnlyDictionary<string, JsonNode?> before, IExpressionScope scope)
    {
        var after = FromJs(engine, variables) as JsonObject ?? [];
        foreach (var (name, value) in after)
        {
            if (!before.TryGetValue(name, out var old) || !JsonNode.DeepEquals(old, value))
            {
                scope.SetVariable(name, value?.DeepClone());
            }
        }
    }

    /// <summary>Adds a global function without reflection (much cheaper per evaluation than a wrapped delegate).</summary>
    private static void Define(JsEngine engine, string name, Func<JsValue[], JsValue> body) =>
        engine.SetValue(name, new ClrFunction(engine, name, (_, args) => body(args)));

    private static string Text(JsValue[] args, int index) => args.Length > index ? args[index].ToString() : "";

    private static JsValue ToJs(JsEngine engine, JsonNode? node) =>
        node is null ? JsValue.Null : new JsonParser(engine).Parse(node.ToJsonString());

    private static JsonNode? FromJs(JsEngine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        var json = new JsonSerializer(engine).Serialize(value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }
}
