using Microsoft.AspNetCore.Components;

namespace NeglectAudit.Web.Ui;

/// <summary>
/// A page component drawn from one view record, its <see cref="Model"/>. Pages do no I/O and
/// do not wait: the function reads what the page needs, builds the record, and renders.
/// </summary>
public interface IPage<TModel> : IComponent
{
    TModel Model { get; set; }
}
