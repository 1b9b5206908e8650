using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AiPlusTasks.Cli.Connection;

/// <summary>
/// Free-form bodies (an Elsa definition) between the generated client's models, which keep them as untyped additional
/// data, and <see cref="JsonObject"/>, which the folder and diff logic read.
/// </summary>
public static class ClientJson
{
    public static async Task<JsonObject> ToJsonObjectAsync<T>(T model, CancellationToken cancellationToken)
        where T : IParsable => JsonNode.Parse(await KiotaJsonSerializer.SerializeAsStringAsync(model, serializeOnlyChangedValues: false, cancellationToken))!.AsObject();

    public static async Task<T> FromTextAsync<T>(string json, ParsableFactory<T> factory, CancellationToken cancellationToken)
        where T : IParsable => await KiotaJsonSerializer.DeserializeAsync(json, factory, cancellationToken)
            ?? throw new CommandFailedException("The JSON is empty.");
}
