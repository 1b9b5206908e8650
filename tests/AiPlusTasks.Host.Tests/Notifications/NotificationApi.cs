using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>The notification calls tests repeat.</summary>
public static class NotificationApi
{
    public const string Notifications = "/api/notifications";
    public const string Deliveries = "/api/notification-deliveries";
    public const string Templates = "/api/notification-templates";

    /// <summary>The caller's notifications about <paramref name="taskId"/>, oldest first.</summary>
    public static async Task<List<JsonNode>> AboutAsync(this HttpClient client, string taskId) =>
        [.. (await client.GetJsonAsync($"{Notifications}?pageSize=200"))["items"]!.AsArray().Where(n => n!["taskId"]?.GetValue<string>() == taskId).Reverse().Select(n => n!)];

    /// <summary>Waits until the caller has at least <paramref name="count"/> notifications about the task; returns them oldest first.</summary>
    public static async Task<List<JsonNode>> WaitForAsync(this HttpClient client, string taskId, int count = 1)
    {
        List<JsonNode> found = [];
        await Eventually.TrueAsync(async () => (found = await client.AboutAsync(taskId)).Count >= count, () => $"{count} notifications about {taskId}, got {found.Count}");
        return found;
    }

    /// <summary>The delivery log's rows for one user, newest first (as the NDRC planner <paramref name="planner"/>).</summary>
    public static async Task<JsonArray> DeliveriesOfAsync(this HttpClient planner, string user) =>
        (await planner.GetJsonAsync($"{Deliveries}?user={user}&pageSize=200"))["items"]!.AsArray();
}
