import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../auth/session.js';
import { Paragraph } from '../components/ams.js';
import { PageHeader } from '../components/page.js';
import { paths } from '../paths.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  return (
    <div className="schakel-narrow">
      <PageHeader title={t('notFound.title')} />
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <Link className="ams-link" to={signedIn ? paths.home : paths.signIn}>
          {signedIn ? t('notFound.home') : t('notFound.signIn')}
        </Link>
      </Paragraph>
    </div>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div className="schakel-narrow">
      <PageHeader title={t('forbidden.title')} />
      <Paragraph>{t('forbidden.text')}</Paragraph>
      <Paragraph>
        <Link className="ams-link" to={paths.home}>
          {t('notFound.home')}
        </Link>
      </Paragraph>
    </div>
  );
}
