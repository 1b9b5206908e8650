using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Graph;

/// <summary>Deep copies of definition parts, so the designer never shares mutable JSON with the definition it was given.</summary>
internal static class DefinitionCopy
{
    public static ActivityNode Clone(ActivityNode activity)
    {
        var copy = new ActivityNode
        {
            Id = activity.Id,
            Type = activity.Type,
            Version = activity.Version,
            Name = activity.Name,
            Metadata = (System.Text.Json.Nodes.JsonObject)activity.Metadata.DeepClone(),
            Properties = (System.Text.Json.Nodes.JsonObject)activity.Properties.DeepClone(),
            Body = activity.Body is null ? null : Clone(activity.Body),
        };
        copy.Activities.AddRange(activity.Activities.Select(Clone));
        copy.Connections.AddRange(activity.Connections.Select(Clone));
        return copy;
    }

    public static VariableDefinition Clone(VariableDefinition variable) => new()
    {
        Name = variable.Name,
        Id = variable.Id,
        TypeName = variable.TypeName,
        Value = variable.Value?.DeepClone(),
        Extensions = (System.Text.Json.Nodes.JsonObject)variable.Extensions.DeepClone(),
    };

    public static Connection Clone(Connection connection) => new()
    {
        Source = connection.Source,
        Target = connection.Target,
        Extensions = (System.Text.Json.Nodes.JsonObject)connection.Extensions.DeepClone(),
    };
}
