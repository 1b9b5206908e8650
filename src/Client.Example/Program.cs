// An agency system reports the day's progress on its open tasks:
//   AIPLUS_URL=http://localhost:5080 AIPLUS_API_KEY=... dotnet run --project src/Client.Example -- 40 "完成试点园区验收" 8
// The Idempotency-Key names the task and the day, so running the job twice on one day reports once.
using AiPlusTasks.Client;
using AiPlusTasks.Client.Models;
using Microsoft.Kiota.Abstractions;

if (args.Length != 3 || !int.TryParse(args[0], out var percent) || !int.TryParse(args[2], out var confidence))
{
    Console.Error.WriteLine("usage: <progress percent 0-100> <what was done> <confidence 1-10>  (AIPLUS_URL and AIPLUS_API_KEY in the environment)");
    return 2;
}

var server = new Uri(Environment.GetEnvironmentVariable("AIPLUS_URL") ?? "http://localhost:5080");
var apiKey = Environment.GetEnvironmentVariable("AIPLUS_API_KEY")
    ?? throw new InvalidOperationException("Set AIPLUS_API_KEY to an API key an agency lead issued at /integrations.");
var api = AiPlusTasksClients.WithApiKey(server, apiKey);
var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

try
{
    var open = await api.Api.Tasks.GetAsync(q => q.QueryParameters.View = "open");
    foreach (var task in open?.Items ?? [])
    {
        var answer = await api.Api.Tasks[task.Id!].ProgressReports.PostAsync(
            new ProgressReportBody { ProgressPercent = percent, Done = args[1], SelfColour = TaskColour.Green, Confidence = confidence },
            request => request.WithIdempotencyKey($"{task.Id}-{today}"));
        Console.WriteLine($"{task.Title}: {answer?.Reports?.LastOrDefault()?.ProgressPercent}% reported");
    }

    return 0;
}
catch (ApiException problem)
{
    Console.Error.WriteLine($"The server refused: {ApiProblems.Describe(problem)}");
    return 1;
}
