namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// The words of a script that could name a global, so that an evaluation binds only the helpers and generated accessors
/// the script can use (Elsa 3 filters its accessors the same way). The scan is lexical and generous: words inside strings
/// and comments count too, which binds a function too many, never one too few.
/// </summary>
/// <remarks>
/// A script that can reach a global without naming it (<c>eval</c>, <c>Function</c>, <c>globalThis</c>, <c>this</c>,
/// <c>constructor</c>, or a <c>\u</c> escape in an identifier) is <see cref="Dynamic"/>: everything is bound for it.
/// What stays undetectable is building a name from pieces and reaching the global object through a function that
/// is not named here; such a script still has <c>getVariable(name)</c>, <c>getInput(name)</c> and
/// <c>getOutputFrom(activity, output)</c>.
/// </remarks>
internal sealed class ScriptIdentifiers
{
    private static readonly string[] DynamicSignals = ["eval", "Function", "globalThis", "this", "constructor"];

    private readonly HashSet<string> _words;

    private ScriptIdentifiers(HashSet<string> words, bool dynamic)
    {
        _words = words;
        Dynamic = dynamic;
    }

    /// <summary>True when the script may reach a global it never names: every global must be bound.</summary>
    public bool Dynamic { get; }

    /// <summary>True when the script names this identifier anywhere (or is <see cref="Dynamic"/>).</summary>
    public bool Mentions(string name) => Dynamic || _words.Contains(name);

    /// <summary>True when some word of the script matches (or the script is <see cref="Dynamic"/>).</summary>
    public bool MentionsAny(Func<string, bool> word) => Dynamic || _words.Any(word);

    public static ScriptIdentifiers Scan(string script)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var dynamic = script.Contains("\\u", StringComparison.Ordinal);
        var i = 0;
        while (i < script.Length)
        {
            if (!IsWordStart(script[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < script.Length && IsWordPart(script[i]))
            {
                i++;
            }

            words.Add(script[start..i]);
        }

        dynamic |= DynamicSignals.Any(words.Contains);
        return new ScriptIdentifiers(words, dynamic);
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c is '_' or '$';

    // A digit continues a word ("get1234") but does not start one: no global this engine binds starts with a digit.
    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
