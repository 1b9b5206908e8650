using System.Text.Json.Nodes;
using Jint;
using JsEngine = Jint.Engine;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// A Jint engine hardened for expressions (<see cref="JavaScriptSandbox"/>) with Elsa's globals bound
/// (<see cref="JavaScriptGlobals"/>). It serves evaluation after evaluation, burst after burst, as long as nothing
/// could have changed it (<see cref="JavaScriptSession"/> decides). Every limit starts again with each evaluation: Jint
/// restarts its time, statement and memory counts on every <c>Evaluate</c>, the <see cref="AllocationBudget"/> is
/// restarted, and the clock and stop signal are the evaluating scope's. Its time zone is fixed when it is made.
/// </summary>
internal sealed class SandboxedEngine : IDisposable
{
    private readonly JsEngine _engine;
    private readonly AllocationBudget _budget;
    private readonly JavaScriptGlobals _globals;
    private readonly BurstTimeSystem _clock;
    private readonly StopSignal _stop = new();

    public SandboxedEngine(JavaScriptOptions limits, TimeZoneInfo timeZone)
    {
        _clock = new BurstTimeSystem(timeZone);
        _engine = new JsEngine(o =>
        {
            o.TimeoutInterval(limits.Timeout);
            o.LimitMemory(limits.MemoryLimitBytes);
            o.LimitRecursion(limits.RecursionLimit);
            o.MaxStatements(limits.StatementLimit);
            o.Constraints.RegexTimeout = JavaScriptEvaluator.RegexTimeout(limits);
            o.Constraints.MaxArraySize = (uint)Math.Min(uint.MaxValue, limits.MemoryLimitBytes / 8);
            o.Constraint(_stop);
            o.TimeSystem = _clock;
        });
        _budget = JavaScriptSandbox.Harden(_engine, limits);
        _globals = new JavaScriptGlobals(_engine);
    }

    /// <summary>The time zone of the engine's local dates.</summary>
    public TimeZoneInfo TimeZone => _clock.DefaultTimeZone;

    /// <summary>Evaluates a compiled script in <paramref name="scope"/> and writes back the variables it assigned.</summary>
    public JsonNode? Evaluate(CompiledScript compiled, IExpressionScope scope)
    {
        _clock.Now = scope.Now;
        _stop.Stopping = scope.Stopping;
        _globals.Bind(scope, compiled.Identifiers);
        _budget.Restart();
        var result = JavaScriptJson.FromJs(_engine, _engine.Evaluate(compiled.Script));
        _globals.WriteBackVariables();
        return result;
    }

    public void Dispose() => _engine.Dispose();
}
