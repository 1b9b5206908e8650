using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Runtime;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// The JavaScript of one burst (docs/decisions/019): its scripts share one sandboxed engine, taken from the evaluator's
/// idle engines (or made) at the first script that needs one and handed back when the session is disposed, instead of
/// an engine per script. Each script still runs under every limit of <see cref="JavaScriptOptions"/> on its own (time,
/// statements, recursion, memory, regular expressions, the scope's stop signal) and sees a fresh engine's globals: an
/// engine serves another script only when the script that ran in it could not change it (<see cref="ScriptReach"/>) and
/// ended without an error; otherwise it is disposed and the next script gets a new one. Scripts that are only a literal
/// or a plain read (<c>getInput('x')</c>, <c>variables.X</c>) are answered without an engine. Not thread-safe: a burst
/// evaluates one script at a time.
/// </summary>
public sealed class JavaScriptSession : IDisposable
{
    private readonly JavaScriptEvaluator _evaluator;
    private readonly JavaScriptOptions _limits;
    private SandboxedEngine? _engine;

    internal JavaScriptSession(JavaScriptEvaluator evaluator, JavaScriptOptions limits)
    {
        _evaluator = evaluator;
        _limits = limits;
    }

    /// <summary>Evaluates a script in <paramref name="scope"/>; its completion value is the result, as JSON.</summary>
    /// <exception cref="ExpressionException">Syntax error, runtime error or a sandbox limit was hit.</exception>
    /// <exception cref="OperationCanceledException">The scope's <see cref="IExpressionScope.Stopping"/> was signalled.</exception>
    public JsonNode? Evaluate(string script, IExpressionScope scope)
    {
        try
        {
            // A script Jint runs stops at its first statement when the scope is stopping; one answered directly does too.
            scope.Stopping.ThrowIfCancellationRequested();
            var compiled = _evaluator.Compile(script);
            if (compiled.Shortcut is { } shortcut && shortcut.TryAnswer(scope, compiled.Identifiers, out var answer))
            {
                return answer;
            }

            return EvaluateInEngine(compiled, scope);
        }
        catch (ScriptPreparationException e)
        {
            throw new ExpressionException($"JavaScript syntax error: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (ExecutionCanceledException e) when (scope.Stopping.IsCancellationRequested)
        {
            throw new OperationCanceledException("JavaScript was stopped: the work running it ran out of time", e, scope.Stopping);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new ExpressionException($"JavaScript: a regular expression ran longer than the limit of {JavaScriptEvaluator.RegexTimeout(_limits).TotalMilliseconds:0} ms", e);
        }
        catch (TimeoutException e)
        {
            throw new ExpressionException($"JavaScript ran longer than the limit of {_limits.Timeout.TotalMilliseconds:0} ms", e);
        }
        catch (MemoryLimitExceededException e)
        {
            throw new ExpressionException($"JavaScript allocated more than the limit of {_limits.MemoryLimitBytes} bytes", e);
        }
        catch (RecursionDepthOverflowException e)
        {
            throw new ExpressionException($"JavaScript recursed deeper than the limit of {_limits.RecursionLimit}", e);
        }
        catch (StatementsCountOverflowException e)
        {
            throw new ExpressionException($"JavaScript ran more than the limit of {_limits.StatementLimit} statements", e);
        }
        catch (JavaScriptException e)
        {
            throw new ExpressionException($"JavaScript error: {e.Message} (line {e.Location.Start.Line}, column {e.Location.Start.Column})", e);
        }
        catch (JintException e)
        {
            throw new ExpressionException($"JavaScript error: {e.Message}", e);
        }
        catch (JsonException e)
        {
            // A value nested deeper than System.Text.Json reads (64 levels).
            throw new ExpressionException($"JavaScript value cannot be read as JSON: {e.Message}", e);
        }
    }

    /// <summary>Hands the engine back to the evaluator's idle engines, if the session has one.</summary>
    public void Dispose()
    {
        if (_engine is { } engine)
        {
            _engine = null;
            _evaluator.GiveBack(engine);
        }
    }

    private JsonNode? EvaluateInEngine(CompiledScript compiled, IExpressionScope scope)
    {
        if (_engine is { } existing && !existing.TimeZone.Equals(scope.TimeZone))
        {
            Discard();
        }

        var engine = _engine ??= _evaluator.Take(scope.TimeZone);
        var keep = false;
        try
        {
            var result = engine.Evaluate(compiled, scope);
            keep = compiled.IsLocal;
            return result;
        }
        finally
        {
            if (!keep)
            {
                Discard();
            }
        }
    }

    private void Discard()
    {
        _engine?.Dispose();
        _engine = null;
    }
}
