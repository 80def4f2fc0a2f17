// The route table. Layout routes with meta.title become a side-menu group; their children with
// meta.title become menu entries (meta.hidden keeps one out of the menu). meta.roles limits a
// route (and its menu entry) to accounts holding one of those roles; the server checks again.
import Layout from '@/layout/AppLayout.vue'

const ItemList = () => import('@/views/items/ItemListView.vue')
const AssessmentResults = () => import('@/views/assessment/ResultsView.vue')

export const routes = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/LoginView.vue'),
    meta: { title: 'login.title', public: true },
  },
  {
    path: '/',
    component: Layout,
    redirect: '/dashboard',
    children: [
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('@/views/dashboard/DashboardView.vue'),
        meta: { title: 'menu.dashboard', icon: 'Odometer', affix: true },
      },
      {
        path: 'problems',
        name: 'problems',
        component: ItemList,
        props: { mode: 'problems' },
        meta: { title: 'menu.problems', icon: 'List' },
      },
      {
        path: 'ledger',
        name: 'ledger',
        component: ItemList,
        props: { mode: 'ledger' },
        meta: { title: 'menu.ledger', icon: 'Notebook' },
      },
      {
        path: 'items/new',
        name: 'item-new',
        component: () => import('@/views/items/ItemFormView.vue'),
        meta: { title: 'menu.itemNew', hidden: true, permission: 'item.create' },
      },
      {
        path: 'items/:id(\\d+)',
        name: 'item-detail',
        component: () => import('@/views/items/ItemDetailView.vue'),
        meta: { title: 'menu.itemDetail', hidden: true },
      },
      {
        path: 'supervision',
        name: 'supervision',
        component: () => import('@/views/supervision/SupervisionView.vue'),
        meta: { title: 'menu.supervision', icon: 'Bell' },
      },
      {
        path: 'bulletins',
        name: 'bulletins',
        component: () => import('@/views/bulletins/BulletinView.vue'),
        meta: { title: 'menu.bulletins', icon: 'Document' },
      },
    ],
  },
  {
    // 考核评比: schemes, score entry, results (and 争星 as a view of them), 党员积分.
    path: '/assessment',
    component: Layout,
    redirect: '/assessment/results',
    meta: { title: 'menu.assessment', icon: 'Trophy' },
    children: [
      {
        path: 'schemes',
        name: 'assessment-schemes',
        component: () => import('@/views/assessment/SchemesView.vue'),
        meta: { title: 'menu.assessmentSchemes', icon: 'Memo' },
      },
      {
        path: 'schemes/new',
        name: 'assessment-scheme-new',
        component: () => import('@/views/assessment/SchemeEditorView.vue'),
        meta: { title: 'menu.assessmentSchemeNew', hidden: true, permission: 'assessment.scheme.edit' },
      },
      {
        path: 'schemes/:key',
        name: 'assessment-scheme',
        component: () => import('@/views/assessment/SchemeEditorView.vue'),
        meta: { title: 'menu.assessmentScheme', hidden: true },
      },
      {
        path: 'scores',
        name: 'assessment-scores',
        component: () => import('@/views/assessment/ScoreEntryView.vue'),
        meta: { title: 'menu.assessmentScores', icon: 'EditPen', permission: 'assessment.score' },
      },
      {
        path: 'results',
        name: 'assessment-results',
        component: AssessmentResults,
        props: { mode: 'results' },
        meta: { title: 'menu.assessmentResults', icon: 'DataAnalysis' },
      },
      {
        path: 'stars',
        name: 'assessment-stars',
        component: AssessmentResults,
        props: { mode: 'stars' },
        meta: { title: 'menu.assessmentStars', icon: 'Star' },
      },
      {
        path: 'points',
        name: 'assessment-points',
        component: () => import('@/views/assessment/PointsView.vue'),
        meta: { title: 'menu.assessmentPoints', icon: 'Medal' },
      },
    ],
  },
  {
    path: '/org',
    component: Layout,
    redirect: '/org/units',
    meta: { title: 'menu.org', icon: 'OfficeBuilding' },
    children: [
      {
        path: 'units',
        name: 'units',
        component: () => import('@/views/org/units/UnitsView.vue'),
        meta: { title: 'menu.units', icon: 'Share' },
      },
      {
        path: 'people',
        name: 'people',
        component: () => import('@/views/org/people/PeopleView.vue'),
        meta: { title: 'menu.people', icon: 'User' },
      },
      {
        path: 'accounts',
        name: 'accounts',
        component: () => import('@/views/org/accounts/AccountsView.vue'),
        meta: { title: 'menu.accounts', icon: 'Key', permission: 'account.manage' },
      },
    ],
  },
  {
    path: '/settings',
    component: Layout,
    redirect: '/settings/audit',
    meta: {
      title: 'menu.settings',
      icon: 'Setting',
      permission: ['audit.view', 'campaign.manage', 'calendar.manage'],
    },
    children: [
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/settings/audit/AuditView.vue'),
        meta: { title: 'menu.audit', icon: 'Tickets', permission: 'audit.view' },
      },
      {
        path: 'campaigns',
        name: 'campaigns',
        component: () => import('@/views/settings/campaigns/CampaignsView.vue'),
        meta: { title: 'menu.campaigns', icon: 'Flag', permission: 'campaign.manage' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/views/settings/calendar/CalendarView.vue'),
        meta: { title: 'menu.calendar', icon: 'Calendar', permission: 'calendar.manage' },
      },
    ],
  },
  {
    path: '/403',
    component: Layout,
    children: [
      {
        path: '',
        name: 'forbidden',
        component: () => import('@/views/error/ErrorView.vue'),
        props: { kind: 'forbidden' },
        meta: { title: 'errors.forbidden', hidden: true },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    component: Layout,
    children: [
      {
        path: '',
        name: 'not-found',
        component: () => import('@/views/error/ErrorView.vue'),
        props: { kind: 'not-found' },
        meta: { title: 'menu.notFound', hidden: true },
      },
    ],
  },
]
