import { useServices } from '../../lib/services';
import { useAction } from '../../lib/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { type HostForm, withCertificateFolder } from './form-state';
import { PathField } from './path-field';

/**
 * A docker certificate folder (as DOCKER_CERT_PATH): main checks that ca.pem, cert.pem and key.pem
 * are there and readable PEM (certs:folder says which are not), and the three files below are set
 * to them. Only paths come back; the files are read by main when the host connects.
 */
export function CertificateFolderField({ form, onChange }: { form: HostForm; onChange: (form: HostForm) => void }) {
  const { api } = useServices();
  const useFolder = useAction(async (folder: string) => {
    const files = await api.invoke('certs:folder', { path: folder });
    onChange(withCertificateFolder(form, files));
  });
  const typed = form.certFolder.trim();
  return (
    <div className="cert-folder" role="group" aria-label="Certificate folder">
      <PathField
        label="Certificate folder"
        purpose="cert-folder"
        foldersOnly
        value={form.certFolder}
        onChange={(certFolder) => {
          useFolder.reset();
          onChange({ ...form, certFolder });
        }}
        onPicked={(folder) => void useFolder.run(folder)}
        placeholder="~/.docker or the folder DOCKER_CERT_PATH names"
        hint="A folder with ca.pem, cert.pem and key.pem, as the docker CLI reads them: sets the three files below."
        actions={
          <button type="button" className="button" disabled={typed === '' || useFolder.pending} onClick={() => void useFolder.run(typed)}>
            {useFolder.pending ? 'Checking…' : 'Use folder'}
          </button>
        }
      />
      {useFolder.error ? <ErrorNotice error={useFolder.error} title="That folder cannot be used:" /> : null}
    </div>
  );
}
