using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// What a global function of a JavaScript evaluation is (<see cref="JavaScriptGlobals.Resolve"/>): a common function
/// (by <paramref name="Name"/>), a variable's getter or setter (<paramref name="Name"/> is the variable's), a declared
/// input's getter (the input's name), or an activity output's getter (<paramref name="Activity"/> and
/// <paramref name="Output"/>). Two equal bindings are the same function, so an engine keeps one it already has.
/// </summary>
internal sealed record GlobalBinding(GlobalBindingKind Kind, string Name, ActivityNode? Activity = null, string? Output = null);
