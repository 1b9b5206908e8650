using AiPlusTasks.Cli;

return await AiplusCommandLine.RunAsync(args, CliEnvironment.FromProcess());
