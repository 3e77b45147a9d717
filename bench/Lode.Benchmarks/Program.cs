using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Lode.Benchmarks.Corpus).Assembly).Run(args);
