using System.Text.Json.Nodes;
using Jint;
using JsEngine = Jint.Engine;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// A Jint engine hardened for expressions (<see cref="JavaScriptSandbox"/>) with Elsa's globals bound
/// (<see cref="JavaScriptGlobals"/>), for the evaluations of one burst. Its clock, time zone and stop signal are the
/// burst's, fixed when it is made; every other limit is Jint's or the <see cref="AllocationBudget"/>'s and starts
/// again with each evaluation (Jint restarts its time, statement and memory counts on every <c>Evaluate</c>).
/// </summary>
internal sealed class SandboxedEngine : IDisposable
{
    private readonly JsEngine _engine;
    private readonly AllocationBudget _budget;
    private readonly JavaScriptGlobals _globals;
    private readonly DateTimeOffset _now;
    private readonly TimeZoneInfo _timeZone;
    private readonly CancellationToken _stopping;

    public SandboxedEngine(JavaScriptOptions limits, IExpressionScope scope)
    {
        _now = scope.Now;
        _timeZone = scope.TimeZone;
        _stopping = scope.Stopping;
        _engine = new JsEngine(o =>
        {
            o.TimeoutInterval(limits.Timeout);
            o.LimitMemory(limits.MemoryLimitBytes);
            o.LimitRecursion(limits.RecursionLimit);
            o.MaxStatements(limits.StatementLimit);
            o.Constraints.RegexTimeout = JavaScriptEvaluator.RegexTimeout(limits);
            o.Constraints.MaxArraySize = (uint)Math.Min(uint.MaxValue, limits.MemoryLimitBytes / 8);
            if (_stopping.CanBeCanceled)
            {
                o.CancellationToken(_stopping);
            }

            o.TimeSystem = new BurstTimeSystem(_now, _timeZone);
        });
        _budget = JavaScriptSandbox.Harden(_engine, limits);
        _globals = new JavaScriptGlobals(_engine);
    }

    /// <summary>True when this engine runs with the clock, time zone and stop signal of <paramref name="scope"/>.</summary>
    public bool Suits(IExpressionScope scope) => _now == scope.Now && _timeZone.Equals(scope.TimeZone) && _stopping == scope.Stopping;

    /// <summary>Evaluates a compiled script in <paramref name="scope"/> and writes back the variables it assigned.</summary>
    public JsonNode? Evaluate(CompiledScript compiled, IExpressionScope scope)
    {
        _globals.Bind(scope, compiled.Identifiers);
        _budget.Restart();
        var result = JavaScriptJson.FromJs(_engine, _engine.Evaluate(compiled.Script));
        _globals.WriteBackVariables();
        return result;
    }

    public void Dispose() => _engine.Dispose();
}
