using AiPlusTasks.Host.Endpoints;
using AiPlusTasks.Host.Infrastructure;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddAiPlusTasksEngine();
builder.Services.AddApiConventions();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();
builder.Services.AddHostedService<WorkflowSeeder>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapWorkflowDefinitionEndpoints();
app.MapWorkflowInstanceEndpoints();
app.MapEventEndpoints();
app.AnnounceUrls();

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
