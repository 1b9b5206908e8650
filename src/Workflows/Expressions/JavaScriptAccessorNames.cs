using System.Text;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// How Elsa 3 names the JavaScript functions it generates for a workflow: <c>get{Name}()</c>/<c>set{Name}(v)</c> for
/// variables, <c>get{Input}()</c> for workflow inputs and <c>get{Output}From{Activity}()</c> for activity outputs.
/// </summary>
public static class JavaScriptAccessorNames
{
    /// <summary>
    /// True when a variable, input or output name gets generated accessors: it is not blank and every character is a
    /// letter, a digit, <c>_</c> or <c>$</c>. A leading digit is allowed (<c>get1234()</c> is still an identifier). Names
    /// with spaces, dashes or dots get none; <c>getVariable(name)</c> and <c>getInput(name)</c> still reach them.
    /// </summary>
    public static bool IsAccessible(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');

    /// <summary>
    /// Elsa's (Humanizer 3's) <c>Pascalize</c>: a run of spaces, underscores or dashes followed by an ASCII letter is
    /// dropped and the letter upper-cased, and so is a leading ASCII letter; everything else is kept as it is.
    /// <c>tries</c> → <c>Tries</c>, <c>my_var</c> → <c>MyVar</c>, <c>_x</c> → <c>X</c>, <c>a_1</c> → <c>A_1</c>,
    /// <c>Send email</c> → <c>SendEmail</c>, <c>结转 decision</c> → <c>结转Decision</c>.
    /// </summary>
    /// <remarks>Humanizer upper-cases with the current UI culture; this uses the invariant culture, which differs only for Turkish <c>i</c>.</remarks>
    public static string Pascalize(string name)
    {
        var result = new StringBuilder(name.Length);
        var i = 0;
        while (i < name.Length)
        {
            var separators = i;
            while (separators < name.Length && name[separators] is ' ' or '_' or '-')
            {
                separators++;
            }

            if (separators > i)
            {
                if (separators < name.Length && char.IsAsciiLetter(name[separators]))
                {
                    result.Append(char.ToUpperInvariant(name[separators]));
                    i = separators + 1;
                }
                else
                {
                    result.Append(name, i, separators - i);
                    i = separators;
                }
            }
            else
            {
                result.Append(i == 0 && char.IsAsciiLetter(name[0]) ? char.ToUpperInvariant(name[0]) : name[i]);
                i++;
            }
        }

        return result.ToString();
    }
}
