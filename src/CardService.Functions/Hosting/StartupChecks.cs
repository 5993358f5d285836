using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Hosting;

/// <summary>A problem found while the host was being built (a port variable that is not a port), reported with the settings' problems.</summary>
public sealed record StartupProblem(string Message);

/// <summary>
/// Settings are checked before the host starts: every problem is printed once, as <c>error: &lt;sentence naming the setting&gt;</c>
/// on stderr, and the process exits with <see cref="BadSettings"/>, with no stack trace.
/// </summary>
public static class StartupChecks
{
    /// <summary>The exit code of a start refused for bad settings, the CLI's code for bad input.</summary>
    public const int BadSettings = 2;

    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and checks its DataAnnotations at start, naming each setting as <c>Section:Key</c>.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<T>>(new DataAnnotationSettings<T>(section));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>Runs the app when its settings are sound; otherwise prints each problem once and returns <see cref="BadSettings"/>.</summary>
    public static int RunChecked(this IHost app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var problems = Problems(app.Services);
        if (problems.Count == 0)
        {
            app.Run();
            return 0;
        }

        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"error: {problem}");
        }

        return BadSettings;
    }

    /// <summary>Every start problem: those met while building, then every option that fails validation or does not bind.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = services.GetServices<StartupProblem>().Select(p => p.Message).ToList();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            problems.AddRange(Messages(e));
        }

        return [.. problems.Distinct(StringComparer.Ordinal)];
    }

    // The startup validator throws one exception per failed options type, wrapped when there are several.
    private static IEnumerable<string> Messages(Exception e) => e switch
    {
        AggregateException many => many.InnerExceptions.SelectMany(Messages),
        OptionsValidationException invalid => invalid.Failures,
        _ => [e.Message], // "Failed to convert configuration value at 'Fetch:TimeoutSeconds' to type …"
    };

    private sealed class DataAnnotationSettings<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(results.Select(r => $"{section}:{r.MemberNames.FirstOrDefault()}: {r.ErrorMessage}"));
        }
    }
}
