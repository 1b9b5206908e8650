using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Runtime;
using Microsoft.Extensions.Options;
using JsEngine = Jint.Engine;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// Runs JavaScript with Jint in a sandbox: no CLR access, and limits on time, memory, recursion and statements
/// (<see cref="JavaScriptOptions"/>). Exposes what Elsa 3 exposes (<see cref="JavaScriptGlobals"/>): its common
/// functions (<c>getVariable</c>, <c>setVariable</c>, <c>getInput</c>, <c>getOutputFrom</c>, <c>getLastResult</c>,
/// <c>setOutcome</c>, <c>toJson</c>, <c>newGuid</c>…), the objects <c>variables</c> and <c>input</c>, and the functions
/// it generates per workflow: <c>getX()</c>/<c>setX(v)</c> per variable, <c>getX()</c> per workflow input,
/// <c>getXFromY()</c> per activity output. Assignments to <c>variables.X</c> are written back. <c>new Date()</c> is the
/// burst's time. A name the script uses that is none of these fails as a ReferenceError (<c>getNope is not defined</c>).
/// </summary>
/// <remarks>
/// Beyond Jint's limits (<see cref="JavaScriptSandbox"/>): no <c>Atomics</c>, <c>SharedArrayBuffer</c> or
/// <c>ShadowRealm</c>; a regular expression's match stops after <see cref="JavaScriptOptions.RegexTimeout"/> (at most the
/// script's time limit); arrays hold at most one element per 8 bytes of the memory limit; and a single built-in call
/// cannot allocate past the memory limit. When the scope's <see cref="IExpressionScope.Stopping"/> is signalled the script
/// stops at its next statement with an <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class JavaScriptEvaluator(IOptions<JavaScriptOptions> options)
{
    private readonly ConcurrentDictionary<string, CompiledScript> _compiled = new(StringComparer.Ordinal);

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
            o.Constraints.RegexTimeout = RegexTimeout(limits);
            o.Constraints.MaxArraySize = (uint)Math.Min(uint.MaxValue, limits.MemoryLimitBytes / 8);
            if (scope.Stopping.CanBeCanceled)
            {
                o.CancellationToken(scope.Stopping);
            }

            o.TimeSystem = new BurstTimeSystem(scope.Now, scope.TimeZone);
        });
        JsonNode? result;
        JavaScriptGlobals globals;
        try
        {
            var compiled = _compiled.GetOrAdd(script, static s => new CompiledScript(JsEngine.PrepareScript(s), ScriptIdentifiers.Scan(s)));
            var budget = JavaScriptSandbox.Harden(engine, limits);
            globals = new JavaScriptGlobals(engine, scope, compiled.Identifiers);
            globals.Bind();
            budget.Restart();
            result = JavaScriptJson.FromJs(engine, engine.Evaluate(compiled.Script));
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
            throw new ExpressionException($"JavaScript: a regular expression ran longer than the limit of {RegexTimeout(limits).TotalMilliseconds:0} ms", e);
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

        globals.WriteBackVariables();
        return result;
    }

    /// <summary>The regular expression limit: the configured one, cut to the script's time limit.</summary>
    private static TimeSpan RegexTimeout(JavaScriptOptions limits) => limits.RegexTimeout < limits.Timeout ? limits.RegexTimeout : limits.Timeout;

    /// <summary>A parsed script and the identifiers it mentions, cached per script text.</summary>
    private sealed record CompiledScript(Prepared<Acornima.Ast.Script> Script, ScriptIdentifiers Identifiers);
}
