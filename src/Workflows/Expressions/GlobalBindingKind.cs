namespace AiPlusTasks.Workflows.Expressions;

/// <summary>The kinds of global function a JavaScript evaluation has (see <see cref="GlobalBinding"/>).</summary>
internal enum GlobalBindingKind
{
    Function,
    GetVariable,
    SetVariable,
    GetInput,
    GetOutput,
}
