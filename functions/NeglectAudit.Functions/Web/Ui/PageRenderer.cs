using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace NeglectAudit.Web.Ui;

/// <summary>
/// Renders components to HTML with the framework's <see cref="HtmlRenderer"/>, which encodes
/// every value it writes: no page or email encodes anything by hand. Pages come back as a
/// <see cref="PageResult"/> carrying the app's page headers; emails as a string.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>The page for <paramref name="model"/>, answered with <paramref name="status"/>.</summary>
    public async Task<PageResult> PageAsync<TPage, TModel>(TModel model, int status = StatusCodes.Status200OK)
        where TPage : IPage<TModel> =>
        new(await RenderAsync<TPage, TModel>(model).ConfigureAwait(false), status);

    /// <summary>A plain page saying what happened and what to do (see <see cref="MessagePage"/>).</summary>
    public Task<PageResult> MessageAsync(Message message, int status) => PageAsync<MessagePage, Message>(message, status);

    /// <summary>The HTML of a page or email component drawn from <paramref name="model"/>.</summary>
    public Task<string> RenderAsync<TPage, TModel>(TModel model)
        where TPage : IPage<TModel> =>
        RenderAsync<TPage>(new Dictionary<string, object?>(StringComparer.Ordinal) { [nameof(IPage<TModel>.Model)] = model });

    /// <summary>The HTML of any component, given its parameters by name.</summary>
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var renderer = new HtmlRenderer(services, loggers);
        await using (renderer.ConfigureAwait(false))
        {
            return await renderer.Dispatcher.InvokeAsync(() =>
            {
                var root = renderer.BeginRenderingComponent<TComponent>(ParameterView.FromDictionary(parameters));

                // Components render from their parameters alone, so the first render is the whole
                // output. One that waits for something would be cut short here: refuse it loudly.
                if (!root.QuiescenceTask.IsCompleted)
                {
                    throw new InvalidOperationException($"{typeof(TComponent).Name} waited while rendering; components render synchronously from their view record.");
                }

                return root.ToHtmlString();
            }).ConfigureAwait(false);
        }
    }
}
