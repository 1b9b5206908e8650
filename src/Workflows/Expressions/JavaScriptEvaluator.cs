using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima;
using Microsoft.Extensions.Options;

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
/// stops at its next statement with an <see cref="OperationCanceledException"/>. The scripts of one burst share an engine
/// (<see cref="OpenSession"/>, docs/decisions/019) without seeing each other's globals.
/// </remarks>
public sealed class JavaScriptEvaluator(IOptions<JavaScriptOptions> options)
{
    /// <summary>
    /// How Jint parses a script (its default script options): the latest ECMAScript with the proposals Jint enables,
    /// <c>return</c> allowed at the top level, regular expressions checked for syntax. A parser is not thread-safe, so
    /// each check makes its own from these.
    /// </summary>
    private static readonly ParserOptions SyntaxOptions = new()
    {
        AllowReturnOutsideFunction = true,
        ExperimentalESFeatures = ExperimentalESFeatures.Decorators | ExperimentalESFeatures.SourcePhaseImports | ExperimentalESFeatures.DeferImportEvaluation,
    };

    private readonly ConcurrentDictionary<string, CompiledScript> _compiled = new(StringComparer.Ordinal);

    /// <summary>Engines no session holds, ready for the next; at most <see cref="MaxIdleEngines"/>.</summary>
    private readonly ConcurrentBag<SandboxedEngine> _idle = [];

    /// <summary>Idle engines kept: enough for every burst that runs at once on this machine.</summary>
    private static int MaxIdleEngines => 2 * Environment.ProcessorCount;

    /// <summary>
    /// Checks syntax only. Returns null when the script parses, else the parser's message with line and column. Parses
    /// as Jint does but makes no engine (an engine's first use reads every system time zone, seconds of a cold start).
    /// </summary>
    public static string? CheckSyntax(string script)
    {
        try
        {
            new Parser(SyntaxOptions).ParseScript(script, "<anonymous>");
            return null;
        }
        catch (ParseErrorException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Opens the JavaScript of one burst: its scripts share an engine, which later bursts reuse while no script could
    /// have changed it (<see cref="JavaScriptSession"/>). Dispose it when the burst ends.
    /// </summary>
    public JavaScriptSession OpenSession() => new(this, options.Value);

    /// <summary>Evaluates one script in a session of its own; its completion value is the result, as JSON.</summary>
    /// <exception cref="ExpressionException">Syntax error, runtime error or a sandbox limit was hit.</exception>
    public JsonNode? Evaluate(string script, IExpressionScope scope)
    {
        using var session = OpenSession();
        return session.Evaluate(script, scope);
    }

    /// <summary>An idle engine whose local dates are in <paramref name="timeZone"/>, or a new one.</summary>
    internal SandboxedEngine Take(TimeZoneInfo timeZone)
    {
        while (_idle.TryTake(out var engine))
        {
            if (engine.TimeZone.Equals(timeZone))
            {
                return engine;
            }

            engine.Dispose();
        }

        return new SandboxedEngine(options.Value, timeZone);
    }

    /// <summary>Keeps an engine a session is done with for the next, unless enough are kept already.</summary>
    internal void GiveBack(SandboxedEngine engine)
    {
        if (_idle.Count < MaxIdleEngines)
        {
            _idle.Add(engine);
        }
        else
        {
            engine.Dispose();
        }
    }

    /// <summary>The regular expression limit: the configured one, cut to the script's time limit.</summary>
    internal static TimeSpan RegexTimeout(JavaScriptOptions limits) => limits.RegexTimeout < limits.Timeout ? limits.RegexTimeout : limits.Timeout;

    /// <summary>The script parsed and analysed, cached per script text.</summary>
    /// <exception cref="Jint.ScriptPreparationException">The script does not parse.</exception>
    internal CompiledScript Compile(string script) => _compiled.GetOrAdd(script, CompiledScript.Compile);
}
