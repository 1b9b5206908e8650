using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>What starting an instance takes.</summary>
/// <param name="DefinitionId">The definition; its latest published version runs unless <paramref name="Version"/> names one.</param>
/// <param name="Input">The workflow's input.</param>
/// <param name="CorrelationId">Ties the instance to a business key; events raised with it reach the instance.</param>
/// <param name="Version">A published (or previously published) version number to run.</param>
/// <param name="InstanceId">
/// The new instance's id, when the caller fixes it (32 lowercase hex characters): a start with the id of an existing
/// instance starts nothing and returns that instance. The Host derives it from a request's <c>Idempotency-Key</c>, so a
/// retry that runs again after the node of the first try died finds the instance the first try made.
/// </param>
public sealed record StartWorkflowRequest(string DefinitionId, JsonObject? Input = null, string? CorrelationId = null, int? Version = null, string? InstanceId = null);
