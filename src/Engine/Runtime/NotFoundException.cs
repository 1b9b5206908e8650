using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
namespace AiPlusTasks.Engine.Runtime;

/// <summary>What was asked for does not exist (HTTP 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);
