using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Web;

/// <summary>Renders page and email components the way the app does, for tests that read their HTML.</summary>
internal static class Render
{
    /// <summary>A renderer as the app registers it, for code under test that takes one.</summary>
    public static PageRenderer Renderer { get; } = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    public static string Page<TPage, TModel>(TModel model)
        where TPage : IPage<TModel> =>
        Renderer.RenderAsync<TPage, TModel>(model).GetAwaiter().GetResult();

    public static string Component<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        Renderer.RenderAsync<TComponent>(parameters).GetAwaiter().GetResult();
}
