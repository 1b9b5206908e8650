using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
namespace AiPlusTasks.Engine.Runtime;

/// <summary>Wakes the background worker when dispatched work was committed.</summary>
public sealed class WorkSignal : WakeSignal;
