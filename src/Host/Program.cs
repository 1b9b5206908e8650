using AiPlusTasks.Host.Endpoints;
using AiPlusTasks.Host.Infrastructure;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddAiPlusTasksEngine();
builder.Services.AddApiConventions();
builder.Services.AddAiPlusTasksAuthentication();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();
builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);
builder.Services.AddHostedService<UserSeeder>();
builder.Services.AddHostedService<WorkflowSeeder>();
builder.Services.AddHostedService<PlanSeeder>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapAuthEndpoints();
app.MapWorkflowDefinitionEndpoints();
app.MapWorkflowInstanceEndpoints();
app.MapEventEndpoints();
app.MapTaskEndpoints();
app.MapDirectoryEndpoints();
app.MapPlanEndpoints();
app.AnnounceUrls();

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
