import './app-notices.css';
import { ErrorNotice } from '../../components/error-notice';
import { useServices, useStoreState } from '../../lib/services';

/** Notices main sent on its own (a `.dockercontext` file opened with Berth): what happened, dismissable. */
export function AppNotices() {
  const { store } = useServices();
  const notices = useStoreState((state) => state.notices);
  if (notices.length === 0) return null;
  return (
    <div className="app-notices">
      {notices.map((notice, index) => {
        const dismiss = (
          <div className="notice-actions">
            <button type="button" className="button button--small" onClick={() => store.dismissNotice(notice)}>
              Dismiss
            </button>
          </div>
        );
        return notice.error ? (
          <ErrorNotice key={index} error={notice.error} title="The docker context file could not be added:">
            {dismiss}
          </ErrorNotice>
        ) : (
          <div key={index} className="notice notice--ok" role="status">
            <p className="notice-body">{notice.message}</p>
            {dismiss}
          </div>
        );
      })}
    </div>
  );
}
