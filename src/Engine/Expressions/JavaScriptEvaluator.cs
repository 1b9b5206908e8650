using System.Collections.Concurrent;

using System.Text.Json.Nodes;
using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Expressions;

/// <summary>
/// Runs JavaScript with Jint in a sandbox: no CLR access, and limits on time, memory, recursion and statements
/// (<see cref="JavaScriptOptions"/>). Exposes Elsa's helper functions: <c>getVariable</c>, <c>setVariable</c>,
/// <c>getInput</c>, <c>getWorkflowInstanceId</c>, <c>getCorrelationId</c>, <c>setCorrelationId</c>,
/// <c>getLastResult</c>, <c>getOutputFrom</c>, <c>setOutcome</c>, plus the objects <c>variables</c> and
/// <c>input</c>. Assignments to <c>variables.X</c> are written back.
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
        });
        var before = scope.VisibleVariables();
        var variables = ToJs(engine, new JsonObject(before.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))));
        engine.SetValue("variables", variables);
        engine.SetValue("input", ToJs(engine, scope.WorkflowInput));
        engine.SetValue("getVariable", new Func<string, JsValue>(name => ToJs(engine, scope.GetVariable(name))));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) =>
        {
            var node = FromJs(engine, value);
            scope.SetVariable(name, node);
            variables.AsObject().Set(name, ToJs(engine, node));
        }));
        engine.SetValue("getInput", new Func<string, JsValue>(name => ToJs(engine, scope.WorkflowInput[name])));
        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => scope.InstanceId));
        engine.SetValue("getCorrelationId", new Func<string?>(() => scope.CorrelationId));
        engine.SetValue("setCorrelationId", new Action<string>(id => scope.CorrelationId = id));
        engine.SetValue("getLastResult", new Func<JsValue>(() => ToJs(engine, scope.LastResult)));
        engine.SetValue("getOutputFrom", new Func<string, JsValue>(activity => ToJs(engine, scope.GetActivityResult(activity))));
        engine.SetValue("setOutcome", new Action<string>(outcome => (scope.RequestedOutcomes ??= []).Add(outcome)));

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
