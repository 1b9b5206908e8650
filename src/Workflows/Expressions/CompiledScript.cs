using Acornima.Ast;
using Jint;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// A parsed script and what is known of it from its text alone, cached per script text: the identifiers it mentions,
/// whether it stays within its own evaluation (<see cref="ScriptReach"/>) and, for a literal or a plain read, how it is
/// answered without an engine (<see cref="ScriptShortcut"/>).
/// </summary>
internal sealed record CompiledScript(Prepared<Script> Script, ScriptIdentifiers Identifiers, bool IsLocal, ScriptShortcut? Shortcut)
{
    /// <exception cref="ScriptPreparationException">The script does not parse.</exception>
    public static CompiledScript Compile(string script)
    {
        var prepared = Engine.PrepareScript(script);
        var program = prepared.Program ?? throw new InvalidOperationException("Jint prepared a script without a program");
        return new CompiledScript(prepared, ScriptIdentifiers.Scan(script), ScriptReach.IsLocal(program), ScriptShortcut.Find(program));
    }
}
